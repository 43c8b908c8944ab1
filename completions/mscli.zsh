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
            'theaters:Manage theaters and their seat grids.'
            'movies:Manage the movie catalogue.'
            'showings:Manage showings: a movie in a theater at a time, with a price per seat type.'
            'book:Hold and book seats, and look after bookings.'
            'search:Search movies, theaters and bookings, and check the search index.'
            'food:Manage the food catalogue (categories, restaurants, foods, menus) and orders.'
            'scrape:Scrape the upcoming-IPO page, and look at earlier runs and what changed between them.'
            'reindex:Rebuild search indices (the default), or roll one back to the index a rebuild kept.'
            'seed:Load fixtures: theaters with seat grids, movies, a week of showings, restaurants and menus, users.'
            'migrate:Inspect and change a service'\''s database schema.'
            'audit:Read the maintenance audit trail: who changed which database directly, when, and how it ended.'
            'config:Show and edit profiles in the config file.'
            'doctor:Check the services, databases and shards, search and Redis of the current profile.'
            'shell:An interactive mscli prompt, or run a file of mscli commands.'
            'completion:Print the completion script for bash, zsh or fish.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        auth|theaters|movies|showings|book|search|food|scrape|reindex|seed|migrate|audit|config|doctor|shell|completion|help)
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
            'status:Show whether the profile has a session, whose, for which auth service, and until when.'
            'token:Print the session token of the profile, for other tools (curl).'
            'users:Manage user accounts (admin session, or --maintenance).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        register|login|logout|whoami|status|token|users)
            "_mscli_auth_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_auth_register() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--email[E-mail address of the new account.]:email:'
        '--name[Display name.]:name:'
        '--password-stdin[Read the password from standard input instead of prompting.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_login() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--email[E-mail address.]:email:'
        '--password-stdin[Read the password from standard input instead of prompting.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_logout() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_whoami() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_status() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_token() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--cookie[Print it as a cookie header value\: access_token=TOKEN.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
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
            'reset-password:Set a user'\''s password and end every session of theirs (admin session, or --maintenance).'
            'disable:Disable an account: it can no longer sign in or use its sessions.'
            'enable:Enable a disabled account.'
            'end-sessions:End every session of a user at every service (they sign in again).'
            'delete:Delete a user (asks first unless --yes).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|get|create|set-role|reset-password|disable|enable|end-sessions|delete)
            "_mscli_auth_users_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_auth_users_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--limit[Users per page (1-200).]:limit:'
        '--offset[Users to skip.]:offset:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_users_get() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':user:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_users_create() {
    local -i ret=1
    local -ar ___role=('user' 'moderator' 'admin' 'super_admin')
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--email[E-mail address.]:email:'
        '--name[Display name.]:name:'
        '--role[Role\: user, moderator, admin, super_admin.]:role:{__mscli_complete "${___role[@]}"}'
        '--password-stdin[Read the password from standard input instead of prompting.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_users_set-role() {
    local -i ret=1
    local -ar _role=('user' 'moderator' 'admin' 'super_admin')
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':user:'
        ':role:{__mscli_complete "${_role[@]}"}'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_users_reset-password() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':user:'
        '--password-stdin[Read the password from standard input instead of prompting.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_users_disable() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':user:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_users_enable() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':user:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_users_end-sessions() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':user:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_auth_users_delete() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':user:'
        '(-y --yes)'{-y,--yes}'[Do not ask for confirmation.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_theaters() {
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
            'list:List theaters, oldest first.'
            'get:Show one theater.'
            'create:Create a theater (then lay out its seats with `mscli theaters seats`).'
            'update:Change a theater: only the fields given are sent.'
            'delete:Delete a theater and its seats (asks first unless --yes; refused while it has showings).'
            'seats:Lay out a theater'\''s seat grid, or list its seats.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|get|create|update|delete|seats)
            "_mscli_theaters_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_theaters_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--city[Only theaters in this city (any case).]:city:'
        '--limit[Items per page (1-1000).]:limit:'
        '--offset[Items to skip.]:offset:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_theaters_get() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':theater:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_theaters_create() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--name[Name.]:name:'
        '--location[Area or landmark, shown next to the name.]:location:'
        '--address[Street address.]:address:'
        '--city[City.]:city:'
        '--description[Description.]:description:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_theaters_update() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':theater:'
        '--name[New name.]:name:'
        '--location[New location.]:location:'
        '--address[New street address.]:address:'
        '--city[New city.]:city:'
        '--description[New description.]:description:'
        '--clear-description[Remove the description.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_theaters_delete() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':theater:'
        '(-y --yes)'{-y,--yes}'[Do not ask for confirmation.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_theaters_seats() {
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
            'layout:Lay out the seat grid of a theater that has no seats yet, or --replace its grid (admin).'
            'list:List a theater'\''s seats in reading order.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        layout|list)
            "_mscli_theaters_seats_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_theaters_seats_layout() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':theater:'
        '--rows[Number of rows (1-52); rows are lettered A, B, …]:rows:'
        '--seats-per-row[Seats in each row (1-100).]:seats-per-row:'
        '--premium-rows[Premium rows, comma-separated.]:rows:'
        '--vip-rows[VIP rows, comma-separated.]:rows:'
        '--recliner-rows[Recliner rows, comma-separated.]:rows:'
        '--replace[Replace the theater'\''s grid (refused while a showing of it holds or has sold seats).]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_theaters_seats_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':theater:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_movies() {
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
            'list:List movies, oldest first.'
            'get:Show one movie.'
            'create:Add a movie to the catalogue.'
            'update:Change a movie: only the fields given are sent.'
            'delete:Delete a movie (asks first unless --yes; refused while it has showings).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|get|create|update|delete)
            "_mscli_movies_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_movies_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--genre[Only movies whose genre contains this text.]:genre:'
        '--language[Only movies in this language (any case).]:language:'
        '--limit[Items per page (1-1000).]:limit:'
        '--offset[Items to skip.]:offset:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_movies_get() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':movie:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_movies_create() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--title[Title.]:title:'
        '--duration-minutes[Running time in minutes (1-1440).]:duration-minutes:'
        '--description[Description.]:description:'
        '--genre[Genre (up to 100 characters).]:genre:'
        '--director[Director.]:director:'
        '--release-date[Release date.]:YYYY-MM-DD:'
        '--rating[Rating from 0 to 10.]:rating:'
        '--language[Language (up to 50 characters).]:language:'
        '--imax[Shown in IMAX.]'
        '--poster-url[Poster image URL.]:poster-url:'
        '--trailer-url[Trailer URL.]:trailer-url:'
        '--cast[Cast, comma-separated\: "A,B".]:names:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_movies_update() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':movie:'
        '--title[New title.]:title:'
        '--duration-minutes[New running time in minutes (1-1440).]:duration-minutes:'
        '--description[New description.]:description:'
        '--genre[New genre.]:genre:'
        '--director[New director.]:director:'
        '--release-date[New release date.]:YYYY-MM-DD:'
        '--rating[New rating from 0 to 10.]:rating:'
        '--language[New language.]:language:'
        '--imax[Shown in IMAX, or not.]'
        '--no-imax[Shown in IMAX, or not.]'
        '--poster-url[New poster image URL.]:poster-url:'
        '--trailer-url[New trailer URL.]:trailer-url:'
        '--cast[New cast, comma-separated ("" for none).]:names:'
        '*--clear[Remove a field\: description, genre, director, release-date, rating, language, poster-url, trailer-url. Repeatable.]:field:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_movies_delete() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':movie:'
        '(-y --yes)'{-y,--yes}'[Do not ask for confirmation.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_showings() {
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
            'list:List showings by start time (expired ones only with --include-expired).'
            'get:Show one showing with its prices.'
            'create:Schedule a showing (admin). The theater must have its seats laid out.'
            'update:Change a showing: only the fields given are sent (admin).'
            'delete:Delete a showing (asks first unless --yes; refused once it has bookings: deactivate it instead).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|get|create|update|delete)
            "_mscli_showings_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_showings_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--movie-id[Only showings of this movie (id or title).]:movie-id:'
        '--theater-id[Only showings in this theater (id or name).]:theater-id:'
        '--date[Only showings starting on this day (in --tz).]:YYYY-MM-DD:'
        '--tz[Time zone to show times in, an IANA name such as Asia/Kolkata (default UTC).]:tz:'
        '--include-expired[Include showings whose booking window has closed (admin).]'
        '--limit[Items per page (1-1000).]:limit:'
        '--offset[Items to skip.]:offset:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_showings_get() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':showing-id:'
        '--tz[Time zone to show times in, an IANA name such as Asia/Kolkata (default UTC).]:tz:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_showings_create() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--movie-id[Movie id or title.]:movie-id:'
        '--theater-id[Theater id or name.]:theater-id:'
        '--start[Start time, ISO 8601 (no offset\: UTC).]:time:'
        '--end[End time, ISO 8601.]:time:'
        '--available-seats[Seats on sale (default\: every seat of the theater).]:available-seats:'
        '--expires-at[When listing and booking stop (default\: the start).]:time:'
        '--inactive[Create it hidden and not bookable.]'
        '*--price[Price of a seat type, TYPE=AMOUNT (types\: regular, premium, vip, recliner). Repeatable; types left out get the service'\''s default prices.]:type=amount:'
        '--tz[Time zone to show times in, an IANA name such as Asia/Kolkata (default UTC).]:tz:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_showings_update() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':showing-id:'
        '--start[New start time, ISO 8601.]:time:'
        '--end[New end time, ISO 8601.]:time:'
        '--available-seats[Seats on sale.]:available-seats:'
        '--expires-at[When listing and booking stop.]:time:'
        '--active[List the showing and allow bookings.]'
        '--inactive[Hide the showing and stop bookings.]'
        '*--price[New price of a seat type, TYPE=AMOUNT. Repeatable; types left out keep theirs. Refused once the showing has started and while seats of it are held; bookings made keep their prices.]:type=amount:'
        '--tz[Time zone to show times in, an IANA name such as Asia/Kolkata (default UTC).]:tz:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_showings_delete() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':showing-id:'
        '(-y --yes)'{-y,--yes}'[Do not ask for confirmation.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_book() {
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
            'hold:Hold seats for yourself while you decide (a hold lapses after the service'\''s hold time).'
            'release:Release your holds on seats (seats you do not hold are left alone).'
            'create:Book seats of a showing (your own holds on them are used up; other people'\''s holds refuse the booking).'
            'list:List bookings, newest first: yours; an admin'\''s (or maintenance mode'\''s) are everyone'\''s unless --user-id.'
            'get:Show one booking with its seats.'
            'cancel:Cancel a confirmed booking before the show starts; its seats are free again at once (asks first unless --yes).'
            'map:Draw a showing'\''s seat map: free, held and booked seats, with prices.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        hold|release|create|list|get|cancel|map)
            "_mscli_book_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_book_hold() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':showing-id:'
        '*:seat:'
        '--user-id[Maintenance mode only (required there)\: the user to act for, by id or e-mail address. Over HTTP you act as the signed-in user.]:user-id:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_book_release() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':showing-id:'
        '*:seat:'
        '--user-id[Maintenance mode only (required there)\: the user to act for, by id or e-mail address. Over HTTP you act as the signed-in user.]:user-id:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_book_create() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':showing-id:'
        '*:seat:'
        '--total-price[The total you expect to pay; the booking is refused if the price differs.]:amount:'
        '--user-id[Maintenance mode only (required there)\: the user to act for, by id or e-mail address. Over HTTP you act as the signed-in user.]:user-id:'
        '--tz[Time zone to show times in, an IANA name such as Asia/Kolkata (default UTC).]:tz:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_book_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--user-id[Only this user'\''s bookings, by id or e-mail address (admin, or maintenance mode).]:user-id:'
        '--tz[Time zone to show times in, an IANA name such as Asia/Kolkata (default UTC).]:tz:'
        '--limit[Items per page (1-1000).]:limit:'
        '--offset[Items to skip.]:offset:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_book_get() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':booking:'
        '--tz[Time zone to show times in, an IANA name such as Asia/Kolkata (default UTC).]:tz:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_book_cancel() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':booking:'
        '(-y --yes)'{-y,--yes}'[Do not ask for confirmation.]'
        '--tz[Time zone to show times in, an IANA name such as Asia/Kolkata (default UTC).]:tz:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_book_map() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':showing-id:'
        '--user-id[Whose holds to show as H, by id or e-mail address (default\: the signed-in user; in maintenance mode nobody'\''s).]:user-id:'
        '--tz[Time zone to show times in, an IANA name such as Asia/Kolkata (default UTC).]:tz:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_search() {
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
            'query:Search; you see your own bookings only (admins and maintenance mode see all).'
            'status:Compare the search index with the database: rows, documents, pending and failing outbox events (admin).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        query|status)
            "_mscli_search_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_search_query() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '*:query:'
        '*--index[Search only this index (movies, theaters, showings, bookings). Repeatable.]:index:'
        '--limit[Hits per page (1-100).]:limit:'
        '--offset[Hits to skip.]:offset:'
        '--search-url[Search engine base URL when working directly on it (env ELASTICSEARCH_URL or SEARCH_URL).]:search-url:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_search_status() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--search-url[Search engine base URL when working directly on it (env ELASTICSEARCH_URL or SEARCH_URL).]:search-url:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food() {
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
            'categories:Food categories (starters, mains, drinks, ...).'
            'restaurants:Restaurants (their menus are `mscli food menu`).'
            'foods:Dishes, each in a category with a list price (a menu item sets a restaurant'\''s price).'
            'menu:Restaurants'\'' menus: which food each sells, in which category, at what price.'
            'orders:Place orders, move them along (pending, confirmed, preparing, ready, delivered), follow them live.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        categories|restaurants|foods|menu|orders)
            "_mscli_food_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_food_categories() {
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
            'list:List categories, newest first.'
            'get:Show one category.'
            'create:Create a category.'
            'delete:Delete a category (asks first unless --yes; refused while foods or menu items use it).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|get|create|delete)
            "_mscli_food_categories_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_food_categories_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--limit[Items per page (1-1000).]:limit:'
        '--offset[Items to skip.]:offset:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_categories_get() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':category:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_categories_create() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--name[Name.]:name:'
        '--slug[Short name for URLs (default\: the name in lower case with dashes).]:slug:'
        '--description[Description (1-500 characters).]:description:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_categories_delete() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':category:'
        '(-y --yes)'{-y,--yes}'[Do not ask for confirmation.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_restaurants() {
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
            'list:List restaurants.'
            'get:Show one restaurant.'
            'create:Create a restaurant (then add dishes with `mscli food menu create`).'
            'delete:Delete a restaurant (asks first unless --yes; refused while it has menu items).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|get|create|delete)
            "_mscli_food_restaurants_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_food_restaurants_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--limit[Items per page (1-1000).]:limit:'
        '--offset[Items to skip.]:offset:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_restaurants_get() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':restaurant:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_restaurants_create() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--name[Name.]:name:'
        '--address[Street address.]:address:'
        '--type[Kind of restaurant, such as "South Indian" or "Cafe".]:type:'
        '--description[Description.]:description:'
        '--image-url[Picture URL.]:image-url:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_restaurants_delete() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':restaurant:'
        '(-y --yes)'{-y,--yes}'[Do not ask for confirmation.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_foods() {
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
            'list:List foods, newest first.'
            'get:Show one food.'
            'create:Create a food.'
            'delete:Delete a food (asks first unless --yes; refused while a menu lists it).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|get|create|delete)
            "_mscli_food_foods_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_food_foods_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--category[Only foods of this category (id, slug or name).]:category:'
        '--limit[Items per page (1-1000).]:limit:'
        '--offset[Items to skip.]:offset:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_foods_get() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':food:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_foods_create() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--name[Name.]:name:'
        '--price[List price, such as 120 or 99.50.]:amount:'
        '--category[Category id, slug or name.]:category:'
        '--description[Description.]:description:'
        '--image-url[Picture URL.]:image-url:'
        '--vegetarian[Whether it is vegetarian (default\: not said, stored as no).]'
        '--no-vegetarian[Whether it is vegetarian (default\: not said, stored as no).]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_foods_delete() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':food:'
        '(-y --yes)'{-y,--yes}'[Do not ask for confirmation.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_menu() {
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
            'list:List menu items, of every restaurant or of one.'
            'get:Show one menu item.'
            'create:Put a food on a restaurant'\''s menu (once per restaurant, food and category).'
            'update:Change a menu item'\''s price (orders already placed keep the price they were placed at).'
            'delete:Take an item off a menu (asks first unless --yes).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|get|create|update|delete)
            "_mscli_food_menu_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_food_menu_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--restaurant[Only this restaurant'\''s menu (id or name).]:restaurant:'
        '--limit[Items per page (1-1000).]:limit:'
        '--offset[Items to skip.]:offset:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_menu_get() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':menu-item:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_menu_create() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--restaurant[Restaurant id or name.]:restaurant:'
        '--food[Food id or name.]:food:'
        '--category[Category on this menu (may differ from the food'\''s own)\: id, slug or name.]:category:'
        '--price[The restaurant'\''s price, such as 120 or 99.50.]:amount:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_menu_update() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':menu-item:'
        '--price[New price.]:amount:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_menu_delete() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':menu-item:'
        '(-y --yes)'{-y,--yes}'[Do not ask for confirmation.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_orders() {
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
            'list:List orders, newest first (staff: everyone'\''s, across every shard).'
            'get:Show one order with its lines.'
            'create:Place an order: menu items of one restaurant, each with a quantity (MENU_ID:2; default 1).'
            'advance:Move orders one step along the kitchen'\''s path: pending, confirmed, preparing, ready, delivered (staff).'
            'status:Set an order'\''s status, where the state machine allows the move (refunds need an admin).'
            'cancel:Cancel an order (its owner while pending or confirmed, staff until it is ready).'
            'watch:Follow live order events until interrupted: your orders, or (staff) a restaurant'\''s or all.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|get|create|advance|status|cancel|watch)
            "_mscli_food_orders_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_food_orders_list() {
    local -i ret=1
    local -ar ___status=('pending' 'confirmed' 'preparing' 'ready' 'delivered' 'cancelled' 'refunded')
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--user-id[Only this user'\''s orders, by id or e-mail address (staff).]:user-id:'
        '--restaurant[Only orders from this restaurant (id or name).]:restaurant:'
        '--status[Only orders in this status\: pending, confirmed, preparing, ready, delivered, cancelled, refunded.]:status:{__mscli_complete "${___status[@]}"}'
        '--limit[Items per page (1-1000).]:limit:'
        '--offset[Items to skip.]:offset:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_orders_get() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':order:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_orders_create() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '*:menu\[\:quantity\]:'
        '--restaurant[The restaurant whose menu dish names are looked up in (id or name); needed when several sell the dish.]:restaurant:'
        '--idempotency-key[Key that makes a retry return the first order (at most 255 characters).]:idempotency-key:'
        '--user-id[Maintenance mode only (required there)\: the user to act for, by id or e-mail address. Over HTTP you act as the signed-in user.]:user-id:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_orders_advance() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '*:order:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_orders_status() {
    local -i ret=1
    local -ar _status=('pending' 'confirmed' 'preparing' 'ready' 'delivered' 'cancelled' 'refunded')
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':order:'
        ':status:{__mscli_complete "${_status[@]}"}'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_orders_cancel() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':order:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_food_orders_watch() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--restaurant[Follow this restaurant'\''s orders, by id or name (staff).]:restaurant:'
        '--all[Follow every order (staff).]'
        '--order[Only this order'\''s events (id or number).]:order:'
        '--count[Stop after this many order events.]:count:'
        '--timeout[Stop after this many seconds; an error when --count events did not arrive by then.]:seconds:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_scrape() {
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
            'ipos:Scrape the upcoming IPOs (company, issue date, price band, issue size, GMP) and store the run.'
            'history:Earlier scrape runs, newest first: when, from where, how many IPOs, or why they failed (admin).'
            'diff:What a run found that the successful run before it did not: added, removed and changed IPOs (admin).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        ipos|history|diff)
            "_mscli_scrape_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_scrape_ipos() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--file[Parse a saved page instead of fetching one (works on the booking database directly).]:path:_files -g '\''*.html *.htm'\'''
        '--url[Page to fetch in maintenance mode (env IPO_PAGE_URL; default https\://www.moneycontrol.com/ipo/upcoming-ipos/).]:url:'
        '--diff[Also show what changed since the previous successful run.]'
        '--no-store[Only parse and print; store nothing (needs no database; not with --diff).]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_scrape_history() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--limit[Runs to show (1-1000).]:limit:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_scrape_diff() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':run:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_reindex() {
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
            'rebuild:Rebuild search indices from the booking database and swap them in atomically (the default).'
            'rollback:Point an index'\''s alias back at the index `reindex --keep-old` kept.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        rebuild|rollback)
            "_mscli_reindex_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_reindex_rebuild() {
    local -i ret=1
    local -ar _indices=('movies' 'theaters' 'showings' 'bookings')
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '*:indices:{__mscli_complete "${_indices[@]}"}'
        '--keep-old[Keep the previous index after the swap (delete it yourself later).]'
        '--dry-run[Report what would be done; change nothing.]'
        '--batch-megabytes[Bulk request size.]:megabytes:'
        '--search-url[Search engine base URL when working directly on it (env ELASTICSEARCH_URL or SEARCH_URL).]:search-url:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_reindex_rollback() {
    local -i ret=1
    local -ar _index=('movies' 'theaters' 'showings' 'bookings')
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':index:{__mscli_complete "${_index[@]}"}'
        '--search-url[Search engine base URL when working directly on it (env ELASTICSEARCH_URL or SEARCH_URL).]:search-url:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_seed() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':path:_files -/'
        '--scale[Repeat every theater this many times.]:scale:'
        '--start-date[First day of showings, in the schedule'\''s time zone (default\: today).]:YYYY-MM-DD:'
        '--skip-users[Do not create the fixture users.]'
        '--skip-food[Do not load the food catalogue.]'
        '--skip-booking[Do not load the booking catalogue (theaters, movies, showings).]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
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
            'wait:Wait until the databases accept connections (like `dbmate wait`).'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        status|up|down|verify|baseline|wait)
            "_mscli_migrate_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_migrate_status() {
    local -i ret=1
    local -ar _service=('auth' 'booking' 'food')
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':service:{__mscli_complete "${_service[@]}"}'
        '--all[Every service\: auth, booking and food (its primary and every shard), one line per database.]'
        '--check[Exit 3 when migrations are pending, 1 when any applied one changed or is unknown.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_migrate_up() {
    local -i ret=1
    local -ar _service=('auth' 'booking' 'food')
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':service:{__mscli_complete "${_service[@]}"}'
        '--all[Every service\: auth, booking and food (its primary and every shard), one line per database.]'
        '--to[Stop after this version.]:to:'
        '--dry-run[Print the SQL that would run and change nothing.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_migrate_down() {
    local -i ret=1
    local -ar _service=('auth' 'booking' 'food')
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':service:{__mscli_complete "${_service[@]}"}'
        '--to[Revert every applied migration above this version (0 reverts all).]:to:'
        '--dry-run[Print the SQL that would run and change nothing.]'
        '(-y --yes)'{-y,--yes}'[Do not ask for confirmation.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_migrate_verify() {
    local -i ret=1
    local -ar _service=('auth' 'booking' 'food')
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':service:{__mscli_complete "${_service[@]}"}'
        '--all[Every service\: auth, booking and food (its primary and every shard), one line per database.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_migrate_baseline() {
    local -i ret=1
    local -ar _service=('auth' 'booking' 'food')
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':service:{__mscli_complete "${_service[@]}"}'
        '--to[The version the database already has.]:to:'
        '(-y --yes)'{-y,--yes}'[Do not ask for confirmation.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_migrate_wait() {
    local -i ret=1
    local -ar _services=('auth' 'booking' 'food')
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '*:services:{__mscli_complete "${_services[@]}"}'
        '--all[Every service (the default when none is named).]'
        '--timeout[How long to wait\: 90s, 2m, or seconds.]:duration:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_audit() {
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
            'list:List audited actions across every configured database and shard, newest first.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list)
            "_mscli_audit_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_audit_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--since[Actions started at or after this time\: ISO 8601, or a duration ago (90m, 2h, 7d).]:time:'
        '--until[Actions started at or before this time\: ISO 8601, or a duration ago.]:time:'
        '--user[Only this operating-system user (or user@host).]:user:'
        '--command[Only command lines containing this text (case-insensitive), e.g. '\''auth users'\''.]:text:'
        '--limit[Actions to show (1-1000).]:limit:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
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
            'get:Print one setting of the profile (passwords masked unless --reveal).'
            'set:Set a setting of the profile (creating the profile and the file as needed).'
            'unset:Remove a setting from the profile.'
            'use:Make a profile the current one.'
            'delete-profile:Delete a profile and its stored session (asks first unless --yes).'
            'path:Print the config file'\''s path.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|get|set|unset|use|delete-profile|path)
            "_mscli_config_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_mscli_config_list() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_config_get() {
    local -i ret=1
    local -ar _key=('auth_url' 'auth_database_url' 'booking_url' 'booking_database_url' 'food_url' 'food_database_url' 'food_shard_urls' 'redis_url' 'search_url' 'output')
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':key:{__mscli_complete "${_key[@]}"}'
        '--reveal[Print the value as stored, passwords included (for scripts).]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_config_set() {
    local -i ret=1
    local -ar _key=('auth_url' 'auth_database_url' 'booking_url' 'booking_database_url' 'food_url' 'food_database_url' 'food_shard_urls' 'redis_url' 'search_url' 'output')
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':key:{__mscli_complete "${_key[@]}"}'
        ':value:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_config_unset() {
    local -i ret=1
    local -ar _key=('auth_url' 'auth_database_url' 'booking_url' 'booking_database_url' 'food_url' 'food_database_url' 'food_shard_urls' 'redis_url' 'search_url' 'output')
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':key:{__mscli_complete "${_key[@]}"}'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_config_use() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':name:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_config_delete-profile() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        ':name:'
        '(-y --yes)'{-y,--yes}'[Do not ask for confirmation.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_config_path() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_doctor() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '--search-url[Search engine base URL when working directly on it (env ELASTICSEARCH_URL or SEARCH_URL).]:search-url:'
        '*--patroni-url[A Patroni member'\''s REST API, to show the PostgreSQL cluster (repeatable or comma-separated; env PATRONI_URLS).]:patroni-url:'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_shell() {
    local -i ret=1
    local -ar ___output=('table' 'json' 'yaml' 'name' 'tsv')
    local -ar arg_specs=(
        '(-f --file)'{-f,--file}'[Run the commands in this file instead of prompting.]:file:_files'
        '--keep-going[In a script, go on after a failing command.]'
        '(-p --profile)'{-p,--profile}'[Profile from the config file (env MSCLI_PROFILE); other global options\: mscli --help.]:profile:'
        '(-o --output)'{-o,--output}'[Output format\: table, json, yaml, name (only the ids, one a line, for xargs) or tsv (the table'\''s columns tab-separated after a header line; a tab, newline or backslash in a value is written \\t, \\n, \\\\) (env MSCLI_OUTPUT).]:output:{__mscli_complete "${___output[@]}"}'
        '--maintenance[Work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_mscli_completion() {
    local -i ret=1
    local -ar _shell=('zsh' 'bash' 'fish')
    local -ar arg_specs=(
        ':shell:{__mscli_complete "${_shell[@]}"}'
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
