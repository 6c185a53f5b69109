/// Formats Unix milliseconds as the `@timestamp` OpenSearch expects: UTC, ISO 8601, milliseconds
/// (`2026-11-30T22:41:07.123Z`). Pure, so it is tested without a clock.
enum Timestamp {
    /// The ISO 8601 text of `unixMilliseconds`.
    static func iso8601(unixMilliseconds ms: UInt64) -> String {
        let days = Int(ms / 86_400_000)
        let msOfDay = Int(ms % 86_400_000)
        let (y, m, d) = civilDate(daysSinceEpoch: days)
        var s = ""
        s.reserveCapacity(24)
        s += pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2)
        s += "T" + pad(msOfDay / 3_600_000, 2) + ":" + pad(msOfDay / 60_000 % 60, 2)
        s += ":" + pad(msOfDay / 1000 % 60, 2) + "." + pad(msOfDay % 1000, 3) + "Z"
        return s
    }

    /// Proleptic Gregorian date of a day count since 1970-01-01 (Howard Hinnant's civil_from_days).
    static func civilDate(daysSinceEpoch: Int) -> (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func pad(_ v: Int, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
