#if canImport(Glibc)
import Glibc
#endif

/// A signing time in whole UTC seconds, printed the way SigV4 wants it: `YYYYMMDDTHHMMSSZ`.
///
/// The signer never reads the clock itself; callers pass an `AmzDate` so that signing is a pure
/// function of its inputs and the test vectors' fixed time can be replayed.
public struct AmzDate: Sendable, Hashable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let epochSeconds: Int64
    /// The `YYYYMMDDTHHMMSSZ` form, computed once because every signature uses it twice.
    public let description: String
    /// `YYYYMMDD`, the date part of the credential scope.
    public let dateStamp: String

    /// The UTC calendar time of `epochSeconds`; throws `.invalidTime` outside the years 1970...9999,
    /// whose stamps would not be eight digits.
    public init(epochSeconds: Int64) throws(SigV4Error) {
        guard (0...253_402_300_799).contains(epochSeconds) else {
            throw SigV4Error(.invalidTime, "signing time \(epochSeconds) is outside the years 1970...9999")
        }
        self.epochSeconds = epochSeconds
        let (days, secondOfDay) = epochSeconds.quotientAndRemainder(dividingBy: 86_400)
        let (year, month, day) = Self.civilDate(daysSinceEpoch: days)
        var text = ""
        text.reserveCapacity(16)
        Self.append(year, width: 4, to: &text)
        Self.append(month, width: 2, to: &text)
        Self.append(day, width: 2, to: &text)
        text.append("T")
        Self.append(secondOfDay / 3600, width: 2, to: &text)
        Self.append(secondOfDay % 3600 / 60, width: 2, to: &text)
        Self.append(secondOfDay % 60, width: 2, to: &text)
        text.append("Z")
        description = text
        dateStamp = String(text.prefix(8))
    }

    /// The current wall-clock time, for callers at the edge (the core never calls this).
    public static func now() throws(SigV4Error) -> AmzDate {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return try AmzDate(epochSeconds: Int64(spec.tv_sec))
    }

    /// Proleptic Gregorian date of a day count from 1970-01-01, by shifting the year to start in
    /// March so the leap day falls last (Howard Hinnant's `civil_from_days`, non-negative days only).
    static func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468  // days from 0000-03-01
        let era = shifted / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153  // 0 = March
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private static func append(_ value: Int64, width: Int, to text: inout String) {
        var digits = [Character](repeating: "0", count: width)
        var rest = value
        for index in stride(from: width - 1, through: 0, by: -1) {
            digits[index] = Character(Unicode.Scalar(UInt8(48 + rest % 10)))
            rest /= 10
        }
        text.append(contentsOf: digits)
    }
}
