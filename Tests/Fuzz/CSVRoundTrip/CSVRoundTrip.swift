import Datasets

/// libFuzzer's entry point: CSV read → write → read gives the same table.
///
/// Every input the reader accepts, with the strict options and with missing and non-finite values
/// allowed, is written back with `CSVWriter` (which must not refuse it) and read again with the same
/// options: the column names must be the same bytes, and the values the same doubles bit for bit (any
/// NaN for a NaN). A difference traps, which libFuzzer records as a crash with its input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSVRoundTrip(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    for options in [CSVReader.Options(), CSVReader.Options(allowsMissing: true, allowsNonFinite: true)] {
        guard let table = try? CSVReader(bytes: bytes, options: options).readTable() else { continue }
        let text: String
        do {
            text = try CSVWriter.text(columns: table.columnNames, rows: table.values)
        } catch {
            fatalError("the writer refuses what the reader read: \(error)")
        }
        let again: CSVTable
        do {
            again = try CSVTable(text: text, options: options)
        } catch {
            fatalError("the reader refuses what the writer wrote: \(error)\n\(text)")
        }
        precondition(
            again.columnNames.map { Array($0.utf8) } == table.columnNames.map { Array($0.utf8) },
            "column names differ: \(table.columnNames) → \(again.columnNames)")
        precondition(again.values.shape == table.values.shape, "shapes differ")
        for (a, b) in zip(table.values.scalars, again.values.scalars) {
            precondition(a.bitPattern == b.bitPattern || (a.isNaN && b.isNaN), "value \(a) read back as \(b)")
        }
    }
    return 0
}
