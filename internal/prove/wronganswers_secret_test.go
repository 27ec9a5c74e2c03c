package prove

// Wrong answers to keeping-secrets (see TestWrongAnswersOfTheBuiltinCourse).
var secretWrongAnswers = []wrongAnswer{}
