#compdef mscli

__mscli_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__mscli_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __mscli_complete "${completions[@]:0:-1}"
    fi
}

__mscli_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_mscli() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'auth:Sign in and out, and manage users and roles.'
            'migrate:Inspect and change a service'\''s database schema.'
            'config:Show and edit profiles in the config file.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        auth|migrate|config|help)
            "_mscli_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_auth() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'register:Create an account with the role user.'
            'login:Sign in and keep the session for later commands.'
            'logout:Sign out and forget the stored session.'
            'whoami:Show the signed-in user, as the auth service sees them now.'
            'users:Manage user accounts (admin session, or --maintenance).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        register|login|logout|whoami|users)
            "_mscli_auth_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_auth_register() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        '--email[E-mail address of the new account.]:email:'
        '--name[Display name.]:name:'
        '--password-stdin[Read the password from standard input instead of prompting.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_login() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        '--email[E-mail address.]:email:'
        '--password-stdin[Read the password from standard input instead of prompting.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_logout() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_whoami() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_users() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:List users, oldest first.'
            'get:Show one user.'
            'create:Create a user with a role.'
            'set-role:Change a user'\''s role.'
            'disable:Disable an account: it can no longer sign in or use its sessions.'
            'enable:Enable a disabled account.'
            'delete:Delete a user (asks first unless --yes).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|get|create|set-role|disable|enable|delete)
            "_mscli_auth_users_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_auth_users_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        '--limit[Users per page (1-200).]:limit:'
        '--offset[Users to skip.]:offset:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_users_get() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        ':user:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_users_create() {
    local -i ret=1
    local -ar ___role=('user' 'moderator' 'admin' 'super_admin')
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        '--email[E-mail address.]:email:'
        '--name[Display name.]:name:'
        '--role[Role\: user, moderator, admin, super_admin.]:role:{__mscli_complete "${___role[@]}"}'
        '--password-stdin[Read the password from standard input instead of prompting.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_users_set-role() {
    local -i ret=1
    local -ar _role=('user' 'moderator' 'admin' 'super_admin')
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        ':user:'
        ':role:{__mscli_complete "${_role[@]}"}'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_users_disable() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        ':user:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_users_enable() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        ':user:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_users_delete() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        ':user:'
        '(-y --yes)'{-y,--yes}'[Do not ask for confirmation.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_migrate() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'status:List migrations: applied, pending, changed (checksum differs) or unknown to this build.'
            'up:Apply pending migrations (all, or up to --to).'
            'down:Revert the latest migration (or every one above --to). Asks first unless --yes.'
            'verify:Check that every applied migration matches this build (checksums, no unknown versions).'
            'baseline:Adopt an existing database (such as the seed system'\''s): record migrations up to --to as applied.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        status|up|down|verify|baseline)
            "_mscli_migrate_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_migrate_status() {
    local -i ret=1
    local -ar _service=('auth')
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        ':service:{__mscli_complete "${_service[@]}"}'
        '--check[Exit 3 when migrations are pending, 1 when any applied one changed or is unknown.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_migrate_up() {
    local -i ret=1
    local -ar _service=('auth')
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        ':service:{__mscli_complete "${_service[@]}"}'
        '--to[Stop after this version.]:to:'
        '--dry-run[Print the SQL that would run and change nothing.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_migrate_down() {
    local -i ret=1
    local -ar _service=('auth')
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        ':service:{__mscli_complete "${_service[@]}"}'
        '--to[Revert every applied migration above this version (0 reverts all).]:to:'
        '--dry-run[Print the SQL that would run and change nothing.]'
        '(-y --yes)'{-y,--yes}'[Do not ask for confirmation.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_migrate_verify() {
    local -i ret=1
    local -ar _service=('auth')
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        ':service:{__mscli_complete "${_service[@]}"}'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_migrate_baseline() {
    local -i ret=1
    local -ar _service=('auth')
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        ':service:{__mscli_complete "${_service[@]}"}'
        '--to[The version the database already has.]:to:'
        '(-y --yes)'{-y,--yes}'[Do not ask for confirmation.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_config() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:List profiles and their settings.'
            'get:Print one setting of the profile.'
            'set:Set a setting of the profile (creating the profile and the file as needed).'
            'unset:Remove a setting from the profile.'
            'use:Make a profile the current one.'
            'path:Print the config file'\''s path.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|get|set|unset|use|path)
            "_mscli_config_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_config_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_config_get() {
    local -i ret=1
    local -ar _key=('auth_url' 'auth_database_url' 'output')
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        ':key:{__mscli_complete "${_key[@]}"}'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_config_set() {
    local -i ret=1
    local -ar _key=('auth_url' 'auth_database_url' 'output')
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        ':key:{__mscli_complete "${_key[@]}"}'
        ':value:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_config_unset() {
    local -i ret=1
    local -ar _key=('auth_url' 'auth_database_url' 'output')
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        ':key:{__mscli_complete "${_key[@]}"}'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_config_use() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        ':name:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_config_path() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml')
    local -ar arg_specs=(
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE).]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json or yaml (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Maintenance mode\: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--auth-url[Auth service base URL (env AUTH_SERVICE_URL).]:auth-url:'
        '--auth-database-url[Auth database URL (env AUTH_DATABASE_URL).]:auth-database-url:'
        '--config[Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).]:config:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _mscli ]]; then
    _mscli "${@}"
else
    compdef _mscli mscli
fi
