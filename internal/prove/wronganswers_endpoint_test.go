package prove

// Wrong answers to your-first-endpoint and saving-over-http (see TestWrongAnswersOfTheBuiltinCourse).
var endpointWrongAnswers = []wrongAnswer{}
