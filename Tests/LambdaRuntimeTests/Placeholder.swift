import XCTest

final class LambdaRuntimeTestsPlaceholder: XCTestCase {}
