import Foundation

#if canImport(Glibc)
import Glibc
#endif

public enum TestInputs {
    /// `count` distinct words of sixteen letters Ⱥ (U+023A) and Ⱦ (U+023E): two bytes each in UTF-8, three once
    /// lower-cased (ⱥ, ⱦ), so 22,000 of them (726 kB) make a search vector past PostgreSQL's 1 MB limit (54000).
    public static func expandingWords(_ count: Int) -> String {
        let letters: [Character] = ["\u{23A}", "\u{23E}"]
        var words: [String] = []
        words.reserveCapacity(count)
        for i in 0..<count {
            words.append(String((0..<16).map { letters[(i >> $0) & 1] }))
        }
        return words.joined(separator: " ")
    }
}

/// Starts a TCP connection from `fd` to 127.0.0.1:`port` (`connect(2)`'s result: 0, or -1 with `errno`).
public func connectLoopback(_ fd: Int32, port: Int) -> Int32 {
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
}
