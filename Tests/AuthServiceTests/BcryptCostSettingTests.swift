import AuthService
import ServiceCore
import Testing

/// `BCRYPT_COST` has one parser: the service's configuration and mscli's maintenance mode both read it with this.
@Suite struct BcryptCostSettingTests {
    @Test func theRangeIsTheServicesAndOutsideItIsRefused() throws {
        #expect(try AuthConfiguration.bcryptCost(EnvironmentReader([:])) == nil)
        #expect(try AuthConfiguration.bcryptCost(EnvironmentReader(["BCRYPT_COST": "4"])) == 4)
        #expect(try AuthConfiguration.bcryptCost(EnvironmentReader(["BCRYPT_COST": "31"])) == 31)
        for bad in ["3", "32", "twelve"] {
            #expect {
                _ = try AuthConfiguration.bcryptCost(EnvironmentReader(["BCRYPT_COST": bad]))
            } throws: { "\($0)" == "BCRYPT_COST must be a whole number from 4 to 31, not \"\(bad)\"" }
        }
    }
}
