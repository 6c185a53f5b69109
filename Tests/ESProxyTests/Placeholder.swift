import XCTest

final class ESProxyTestsPlaceholder: XCTestCase {}
