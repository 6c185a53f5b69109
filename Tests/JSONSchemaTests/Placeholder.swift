import XCTest

final class JSONSchemaTestsPlaceholder: XCTestCase {}
