import Foundation
import HTTPTypes
import Hummingbird
import Logging
import ServiceCore

/// The auth service's HTTP routes: the seed's contract (`/`, signup, login, user details, logout) and the user
/// administration the seed lacked. Rules live in ``UserDirectory``; this type only speaks HTTP.
struct AuthController: Sendable {
    let directory: UserDirectory
    let tokens: TokenService
    let cookie: SessionCookie
    /// Nil when login throttling is turned off.
    let throttle: LoginThrottle?
    let trustedProxies: [IPRange]

    /// Signup and admin creation take the same body; only who may ask for which `role` differs.
    struct NewAccountRequest: Decodable, ValidatedBody {
        var email: String
        var name: String
        var password: String
        var role: String?

        enum CodingKeys: String, CodingKey { case email, name, password, role }

        /// `role` may be left out (a plain user), but not sent as null: the document says it is one of the roles.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            email = try container.decode(String.self, forKey: .email)
            name = try container.decode(String.self, forKey: .name)
            password = try container.decode(String.self, forKey: .password)
            if container.contains(.role), try container.decodeNil(forKey: .role) {
                throw DecodingError.dataCorruptedError(
                    forKey: .role, in: container, debugDescription: "Input should be 'super_admin', 'admin', 'user' or 'moderator'")
            }
            role = try container.decodeIfPresent(String.self, forKey: .role)
        }

        func validate() throws {
            _ = try UserDirectory.validate(email: email, name: name, password: password)
            if let role { _ = try UserDirectory.parseRole(role) }
        }
    }

    struct LoginRequest: Decodable, ValidatedBody {
        var email: String
        var password: String

        func validate() throws { try UserDirectory.validateCredentials(email: email, password: password) }
    }

    struct PasswordChangeRequest: Decodable, ValidatedBody {
        var currentPassword: String
        var newPassword: String
        enum CodingKeys: String, CodingKey {
            case currentPassword = "current_password"
            case newPassword = "new_password"
        }
        func validate() throws {
            var check = FieldCheck()
            check.text("current_password", currentPassword, UserDirectory.passwordLimit)
            try check.finish()
            try UserDirectory.validateNewPassword(newPassword, at: ["body", "new_password"])
        }
    }

    struct PasswordResetRequest: Decodable, ValidatedBody {
        var password: String
        func validate() throws { try UserDirectory.validateNewPassword(password, at: ["body", "password"]) }
    }

    struct RoleRequest: Decodable, ValidatedBody {
        var role: String

        func validate() throws { _ = try UserDirectory.parseRole(role) }
    }

    /// `{id, email, name}` as the seed answered signup and user details; `role` is ours.
    struct Profile: Encodable, Sendable {
        var id: String
        var email: String
        var name: String
        var role: Role

        init(_ user: User) {
            id = user.id.lowercasedString
            email = user.email
            name = user.name
            role = user.role
        }
    }

    struct LoginResponse: Encodable, Sendable {
        var message = "Login success"
        var email: String
        var id: String
        var name: String
        var role: Role
    }

    struct Message: Encodable, Sendable {
        var message: String
    }

    func register(on router: Router<ServiceRequestContext>, table: RouteTable) {
        router.add(.get, "/", in: table) { _, _ in
            JSONResponse(["message": "Welcome to auth service", "status": "running", "docs": "/docs"])
        }
        router.add(.post, "/auth", in: table) { request, _ in
            let body = try await request.decodeJSONBody(NewAccountRequest.self)
            let user = try await directory.register(email: body.email, name: body.name, password: body.password, requestedRole: body.role)
            return JSONResponse(Profile(user), status: .created)
        }
        router.add(.post, "/auth/login", in: table) { request, context in
            let body = try await request.decodeJSONBody(LoginRequest.self)
            let address = ClientAddress.resolve(request, context, trustedProxies: trustedProxies)
            let account = throttle?.accountHash(body.email) ?? ""
            try await admit(account: account, address: address, logger: context.logger)
            let user: User
            do {
                user = try await directory.authenticate(email: body.email, password: body.password)
            } catch let error as APIError {
                let disabled = error.status == .forbidden
                (disabled ? LoginMetrics.disabled : LoginMetrics.failure).increment()
                context.logger.notice(
                    disabled ? "login refused: account disabled" : "login failed",
                    metadata: ["client.address": .string(address), "account": .string(account)])
                throw error
            }
            LoginMetrics.success.increment()
            context.logger.info(
                "login succeeded",
                metadata: ["client.address": .string(address), "account": .string(account), "user.id": .string(user.id.lowercasedString)])
            let issued = try await tokens.issue(userID: user.id, email: user.email, role: user.role, sessionVersion: user.sessionVersion)
            return JSONResponse(
                LoginResponse(email: user.email, id: user.id.lowercasedString, name: user.name, role: user.role),
                headers: [.setCookie: cookie.set(issued.token, maxAge: Int(tokens.lifetime))])
        }
        router.add(.post, "/auth/password", in: table) { request, context in
            let identity = try context.requireUser()
            let body = try await request.decodeJSONBody(PasswordChangeRequest.self)
            // Checking the current password is a guess like a login: the same budgets apply.
            let address = ClientAddress.resolve(request, context, trustedProxies: trustedProxies)
            try await admit(account: throttle?.accountHash(identity.email) ?? "", address: address, logger: context.logger)
            let user = try await directory.changePassword(identity, current: body.currentPassword, new: body.newPassword)
            context.logger.notice("password changed; every session ended", metadata: ["user.id": .string(user.id.lowercasedString)])
            // This session continues with a fresh token; every other one has ended.
            let issued = try await tokens.issue(userID: user.id, email: user.email, role: user.role, sessionVersion: user.sessionVersion)
            return JSONResponse(
                Message(message: "Password changed; every other session has been signed out"),
                headers: [.setCookie: cookie.set(issued.token, maxAge: Int(tokens.lifetime))])
        }
        router.add(.get, "/auth/user_details", in: table) { _, context in
            let user = try await directory.current(try context.requireUser())
            return JSONResponse(Profile(user))
        }
        router.add(.post, "/auth/logout", in: table) { _, context in
            // A valid token is revoked, so a copy of it stops working everywhere; without one, only the cookie goes.
            if let identity = context.identity { try await directory.logout(identity) }
            return JSONResponse(Message(message: "Logged out successfully"), headers: [.setCookie: cookie.clear()])
        }
        router.add(.get, "/auth/sessions/revocations", in: table) { request, _ in
            guard let key = request.headers[HTTPField.Name("X-Service-Key")!], tokens.acceptsServiceKey(key) else {
                throw APIError.unauthorized("This feed needs the X-Service-Key the services derive from TOKEN_SECRET")
            }
            let after = try request.queryInt("after", default: 0, range: 0...9_007_199_254_740_991)
            return JSONResponse(try await directory.repository.revocations(after: Int64(after)))
        }
        router.add(.put, "/auth/users/{user_id}/password", in: table) { request, context in
            let actor = Actor.user(try context.requireUser().id)
            let id = try context.parameters.requireUUID("user_id")
            let body = try await request.decodeJSONBody(PasswordResetRequest.self)
            let user = try await directory.resetPassword(by: actor, id: id, password: body.password)
            context.logger.notice("password reset by an administrator; every session ended", metadata: ["user.id": .string(user.id.lowercasedString)])
            return JSONResponse(user)
        }
        router.add(.post, "/auth/users/{user_id}/end-sessions", in: table) { _, context in
            let actor = Actor.user(try context.requireUser().id)
            return JSONResponse(try await directory.endSessions(by: actor, id: try context.parameters.requireUUID("user_id")))
        }

        router.add(.get, "/auth/users", in: table) { request, context in
            let actor = Actor.user(try context.requireUser().id)
            let limit = try request.queryInt("limit", default: 50, range: 1...200)
            let offset = try request.queryInt("offset", default: 0, range: 0...Int(Int32.max))
            let email = try request.queryText("email", .line(255))
            return JSONResponse(try await directory.list(by: actor, limit: limit, offset: offset, email: email))
        }
        router.add(.post, "/auth/users", in: table) { request, context in
            let actor = Actor.user(try context.requireUser().id)
            let body = try await request.decodeJSONBody(NewAccountRequest.self)
            let user = try await directory.create(
                by: actor, email: body.email, name: body.name, password: body.password, role: body.role ?? Role.user.rawValue)
            return JSONResponse(user, status: .created)
        }
        router.add(.get, "/auth/users/{user_id}", in: table) { _, context in
            let actor = Actor.user(try context.requireUser().id)
            return JSONResponse(try await directory.get(by: actor, id: try context.parameters.requireUUID("user_id")))
        }
        router.add(.put, "/auth/users/{user_id}/role", in: table) { request, context in
            let actor = Actor.user(try context.requireUser().id)
            let id = try context.parameters.requireUUID("user_id")
            let body = try await request.decodeJSONBody(RoleRequest.self)
            return JSONResponse(try await directory.setRole(by: actor, id: id, role: body.role))
        }
        router.add(.post, "/auth/users/{user_id}/disable", in: table) { _, context in
            let actor = Actor.user(try context.requireUser().id)
            return JSONResponse(try await directory.setDisabled(by: actor, id: try context.parameters.requireUUID("user_id"), disabled: true))
        }
        router.add(.post, "/auth/users/{user_id}/enable", in: table) { _, context in
            let actor = Actor.user(try context.requireUser().id)
            return JSONResponse(try await directory.setDisabled(by: actor, id: try context.parameters.requireUUID("user_id"), disabled: false))
        }
        router.add(.delete, "/auth/users/{user_id}", in: table) { _, context in
            let actor = Actor.user(try context.requireUser().id)
            try await directory.delete(by: actor, id: try context.parameters.requireUUID("user_id"))
            return Response(status: .noContent)
        }
    }

    /// Throws the 429 when the attempt is over a budget; counts and logs it (the account hash, never the address).
    private func admit(account: String, address: String, logger: Logger) async throws {
        guard let throttle, let retryAfter = await throttle.admit(account: account, address: address, logger: logger) else { return }
        LoginMetrics.throttled.increment()
        logger.notice(
            "login attempt throttled",
            metadata: ["client.address": .string(address), "account": .string(account), "retry_after": .stringConvertible(retryAfter)])
        throw APIError(
            .tooManyRequests, "Too many sign-in attempts; try again in \(retryAfter) seconds",
            headers: [.retryAfter: String(retryAfter)])
    }
}
