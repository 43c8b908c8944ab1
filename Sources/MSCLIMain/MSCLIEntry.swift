import MSCLIKit

@main
extension MSCLI {}
