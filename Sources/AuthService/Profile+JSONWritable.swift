import Foundation
import ServiceCore

// The signed-in user's profile (`GET /auth/user_details`, the auth service's most frequent answer) writes itself:
// see `JSONWritable`. AuthJSONWritableTests compares it with its `Encodable` form.
extension AuthController.Profile: JSONWritable {
    func writeJSON(to out: inout JSONOutput) {
        out.object { o in
            o.string("email", email)
            o.string("id", id)
            o.string("name", name)
            o.raw("role", role)
        }
    }
}
