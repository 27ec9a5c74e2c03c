package prove

// Wrong answers to safe-from-injection, pages-and-limits and capstone (see TestWrongAnswersOfTheBuiltinCourse).
var queryWrongAnswers = []wrongAnswer{}
