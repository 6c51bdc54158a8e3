/// A model's `questionOrder`, kept beside it when it was computed before (the rules cache stores it with the built
/// model): a derived value, not part of what the model says, like a table's compiled form.
struct QuestionOrderMemo: Sendable {
    let order: [String]
}
