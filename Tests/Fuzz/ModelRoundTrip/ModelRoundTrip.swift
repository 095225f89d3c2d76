import NN

/// libFuzzer's entry point: model file parse → write → parse is bit-identical.
///
/// Every input the parser accepts is written back with `ModelFile.json` and parsed again: the two
/// networks must have the same architecture and the same parameters bit for bit, and writing the second
/// must give the same text. A difference traps, which libFuzzer records as a crash with its input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzModelRoundTrip(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let network = try? ModelFile.network(fromJSON: text) else { return 0 }
    let written = ModelFile.json(network)
    let again: Network
    do {
        again = try ModelFile.network(fromJSON: written)
    } catch {
        fatalError("the parser refuses what the writer wrote: \(error)\n\(written)")
    }
    precondition(again.architecture == network.architecture, "architectures differ")
    precondition(
        zip(network.parameters.scalars, again.parameters.scalars).allSatisfy { $0.bitPattern == $1.bitPattern },
        "parameters differ")
    precondition(ModelFile.json(again) == written, "the text written differs")
    return 0
}
