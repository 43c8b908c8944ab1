import Crypto
import Foundation

/// Ids of seeded rows, derived from their fixture key: the same fixture gives the same id on every run and every
/// machine, so seeding twice adds nothing (`ON CONFLICT DO NOTHING`). A version-8 (custom) UUID.
public enum StableID {
    public static func make(_ kind: String, _ key: String) -> UUID {
        var bytes = Array(SHA256.hash(data: Data("mscli-seed:\(kind):\(key)".utf8)).prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return UUID(uuid: (bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7],
                           bytes[8], bytes[9], bytes[10], bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]))
    }
}
