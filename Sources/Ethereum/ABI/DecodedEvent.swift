/// A decoded event log: the event and one value per parameter.
public struct DecodedEvent: Sendable, Hashable {
    /// The event description.
    public let event: ABIEvent
    /// One value per parameter, in declaration order.
    public let values: [ABIValue]

    /// The value of the parameter called `name`, or nil.
    public subscript(name: String) -> ABIValue? {
        guard let index = event.inputs.firstIndex(where: { $0.name == name }) else { return nil }
        return values[index]
    }
}
