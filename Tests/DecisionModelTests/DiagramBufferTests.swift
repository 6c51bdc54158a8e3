import Testing
@testable import DecisionModel

/// The diagram's tables grow by `realloc`: every value written before a growth must read back after it, whichever
/// way the values came in.
@Suite struct DiagramBufferTests {
    @Test func valuesSurviveEveryGrowth() {
        var buffer = DiagramBuffer<Int32>(capacity: 1)
        var expected: [Int32] = []
        for i in 0..<5_000 {
            switch i % 3 {
            case 0:
                buffer.append(Int32(i))
                expected.append(Int32(i))
            case 1:
                buffer.append(repeating: Int32(-i), count: i % 7)
                expected += Array(repeating: Int32(-i), count: i % 7)
            default:
                // From the buffer itself, the run read before the buffer grows under it.
                let n = min(buffer.count, 1 + i % 37)
                buffer.append(copying: buffer.base + (buffer.count - n), count: n)
                expected += expected.suffix(n)
            }
        }
        #expect(buffer.count == expected.count)
        #expect((0..<buffer.count).allSatisfy { buffer[$0] == expected[$0] })
        buffer.free()
    }

    @Test func aRepeatedValueFillsTheWholeBuffer() {
        let buffer = DiagramBuffer<UInt64>(repeating: .max, count: 3_000)
        #expect(buffer.count == 3_000)
        #expect((0..<buffer.count).allSatisfy { buffer[$0] == .max })
        buffer.free()
    }

    @Test func bulkAppendsCrossGrowths() {
        var buffer = DiagramBuffer<UInt8>(capacity: 16)
        let chunk = Array(0..<UInt8(200))
        for _ in 0..<100 { chunk.withUnsafeBufferPointer { buffer.append(contentsOf: $0) } }
        #expect(buffer.count == 20_000)
        #expect((0..<buffer.count).allSatisfy { buffer[$0] == UInt8($0 % 200) })
        buffer.free()
    }
}
