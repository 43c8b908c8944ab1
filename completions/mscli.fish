function __mscli_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __mscli_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __mscli_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __mscli_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __mscli_parse_tokens -S
    set -l unparsed_tokens (__mscli_tokens -pc)
    switch $unparsed_tokens[1]
    case 'mscli'
        __mscli_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'auth'
            __mscli_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'register'
                __mscli_parse_subcommand 0 'email=' 'name=' 'password-stdin' 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
            case 'login'
                __mscli_parse_subcommand 0 'email=' 'password-stdin' 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
            case 'logout'
                __mscli_parse_subcommand 0 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
            case 'whoami'
                __mscli_parse_subcommand 0 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
            case 'users'
                __mscli_parse_subcommand 0 'version' 'h/help'
                switch $unparsed_tokens[1]
                case 'list'
                    __mscli_parse_subcommand 0 'limit=' 'offset=' 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
                case 'get'
                    __mscli_parse_subcommand 1 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
                case 'create'
                    __mscli_parse_subcommand 0 'email=' 'name=' 'role=' 'password-stdin' 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
                case 'set-role'
                    __mscli_parse_subcommand 2 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
                case 'disable'
                    __mscli_parse_subcommand 1 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
                case 'enable'
                    __mscli_parse_subcommand 1 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
                case 'delete'
                    __mscli_parse_subcommand 1 'y/yes' 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
                end
            end
        case 'migrate'
            __mscli_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'status'
                __mscli_parse_subcommand 1 'check' 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
            case 'up'
                __mscli_parse_subcommand 1 'to=' 'dry-run' 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
            case 'down'
                __mscli_parse_subcommand 1 'to=' 'dry-run' 'y/yes' 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
            case 'verify'
                __mscli_parse_subcommand 1 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
            case 'baseline'
                __mscli_parse_subcommand 1 'to=' 'y/yes' 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
            end
        case 'config'
            __mscli_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __mscli_parse_subcommand 0 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
            case 'get'
                __mscli_parse_subcommand 1 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
            case 'set'
                __mscli_parse_subcommand 2 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
            case 'unset'
                __mscli_parse_subcommand 1 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
            case 'use'
                __mscli_parse_subcommand 1 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
            case 'path'
                __mscli_parse_subcommand 0 'p/profile=' 'o/output=' 'maintenance' 'auth-url=' 'auth-database-url=' 'config=' 'version' 'h/help'
            end
        case 'help'
            __mscli_parse_subcommand -r 1 'version'
        end
    end
end

function __mscli_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __mscli_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __mscli_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __mscli_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__mscli_tokens -p)
    if test -z "$(__mscli_tokens -t)"
        set -l index (count (__mscli_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'mscli' -f
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli" -eq 1' -fa 'auth' -d 'Sign in and out, and manage users and roles.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli" -eq 1' -fa 'migrate' -d 'Inspect and change a service\'s database schema.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli" -eq 1' -fa 'config' -d 'Show and edit profiles in the config file.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli auth" -eq 1' -fa 'register' -d 'Create an account with the role user.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli auth" -eq 1' -fa 'login' -d 'Sign in and keep the session for later commands.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli auth" -eq 1' -fa 'logout' -d 'Sign out and forget the stored session.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli auth" -eq 1' -fa 'whoami' -d 'Show the signed-in user, as the auth service sees them now.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli auth" -eq 1' -fa 'users' -d 'Manage user accounts (admin session, or --maintenance).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth register" email' -l 'email' -d 'E-mail address of the new account.' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth register" name' -l 'name' -d 'Display name.' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth register" password-stdin' -l 'password-stdin' -d 'Read the password from standard input instead of prompting.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth register" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth register" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth register" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth register" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth register" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth register" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth register" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth register" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth login" email' -l 'email' -d 'E-mail address.' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth login" password-stdin' -l 'password-stdin' -d 'Read the password from standard input instead of prompting.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth login" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth login" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth login" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth login" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth login" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth login" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth login" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth login" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth logout" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth logout" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth logout" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth logout" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth logout" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth logout" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth logout" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth logout" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth whoami" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth whoami" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth whoami" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth whoami" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth whoami" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth whoami" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth whoami" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth whoami" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli auth users" -eq 1' -fa 'list' -d 'List users, oldest first.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli auth users" -eq 1' -fa 'get' -d 'Show one user.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli auth users" -eq 1' -fa 'create' -d 'Create a user with a role.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli auth users" -eq 1' -fa 'set-role' -d 'Change a user\'s role.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli auth users" -eq 1' -fa 'disable' -d 'Disable an account: it can no longer sign in or use its sessions.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli auth users" -eq 1' -fa 'enable' -d 'Enable a disabled account.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli auth users" -eq 1' -fa 'delete' -d 'Delete a user (asks first unless --yes).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users list" limit' -l 'limit' -d 'Users per page (1-200).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users list" offset' -l 'offset' -d 'Users to skip.' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users list" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users list" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users list" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users list" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users list" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users list" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users list" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users get" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users get" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users get" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users get" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users get" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users get" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users get" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users get" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users create" email' -l 'email' -d 'E-mail address.' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users create" name' -l 'name' -d 'Display name.' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users create" role' -l 'role' -d 'Role: user, moderator, admin, super_admin.' -rfka 'user moderator admin super_admin'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users create" password-stdin' -l 'password-stdin' -d 'Read the password from standard input instead of prompting.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users create" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users create" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users create" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users create" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users create" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users create" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users create" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users create" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli auth users set-role" -eq 1' -fka 'user moderator admin super_admin'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users set-role" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users set-role" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users set-role" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users set-role" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users set-role" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users set-role" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users set-role" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users set-role" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users disable" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users disable" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users disable" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users disable" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users disable" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users disable" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users disable" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users disable" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users enable" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users enable" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users enable" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users enable" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users enable" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users enable" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users enable" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users enable" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users delete" y yes' -s 'y' -l 'yes' -d 'Do not ask for confirmation.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users delete" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users delete" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users delete" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users delete" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users delete" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users delete" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users delete" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli auth users delete" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli migrate" -eq 1' -fa 'status' -d 'List migrations: applied, pending, changed (checksum differs) or unknown to this build.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli migrate" -eq 1' -fa 'up' -d 'Apply pending migrations (all, or up to --to).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli migrate" -eq 1' -fa 'down' -d 'Revert the latest migration (or every one above --to). Asks first unless --yes.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli migrate" -eq 1' -fa 'verify' -d 'Check that every applied migration matches this build (checksums, no unknown versions).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli migrate" -eq 1' -fa 'baseline' -d 'Adopt an existing database (such as the seed system\'s): record migrations up to --to as applied.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli migrate status" -eq 1' -fka 'auth'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate status" check' -l 'check' -d 'Exit 3 when migrations are pending, 1 when any applied one changed or is unknown.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate status" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate status" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate status" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate status" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate status" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate status" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate status" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate status" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli migrate up" -eq 1' -fka 'auth'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate up" to' -l 'to' -d 'Stop after this version.' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate up" dry-run' -l 'dry-run' -d 'Print the SQL that would run and change nothing.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate up" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate up" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate up" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate up" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate up" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate up" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate up" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate up" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli migrate down" -eq 1' -fka 'auth'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate down" to' -l 'to' -d 'Revert every applied migration above this version (0 reverts all).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate down" dry-run' -l 'dry-run' -d 'Print the SQL that would run and change nothing.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate down" y yes' -s 'y' -l 'yes' -d 'Do not ask for confirmation.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate down" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate down" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate down" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate down" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate down" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate down" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate down" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate down" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli migrate verify" -eq 1' -fka 'auth'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate verify" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate verify" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate verify" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate verify" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate verify" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate verify" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate verify" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate verify" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli migrate baseline" -eq 1' -fka 'auth'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate baseline" to' -l 'to' -d 'The version the database already has.' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate baseline" y yes' -s 'y' -l 'yes' -d 'Do not ask for confirmation.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate baseline" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate baseline" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate baseline" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate baseline" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate baseline" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate baseline" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate baseline" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli migrate baseline" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli config" -eq 1' -fa 'list' -d 'List profiles and their settings.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli config" -eq 1' -fa 'get' -d 'Print one setting of the profile.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli config" -eq 1' -fa 'set' -d 'Set a setting of the profile (creating the profile and the file as needed).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli config" -eq 1' -fa 'unset' -d 'Remove a setting from the profile.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli config" -eq 1' -fa 'use' -d 'Make a profile the current one.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli config" -eq 1' -fa 'path' -d 'Print the config file\'s path.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config list" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config list" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config list" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config list" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config list" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config list" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config list" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli config get" -eq 1' -fka 'auth_url auth_database_url output'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config get" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config get" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config get" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config get" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config get" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config get" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config get" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config get" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli config set" -eq 1' -fka 'auth_url auth_database_url output'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config set" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config set" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config set" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config set" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config set" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config set" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config set" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config set" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_positional "mscli config unset" -eq 1' -fka 'auth_url auth_database_url output'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config unset" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config unset" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config unset" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config unset" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config unset" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config unset" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config unset" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config unset" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config use" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config use" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config use" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config use" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config use" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config use" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config use" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config use" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config path" p profile' -s 'p' -l 'profile' -d 'Profile from the config file (env MSCLI_PROFILE).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config path" o output' -s 'o' -l 'output' -d 'Output format: table, json or yaml (env MSCLI_OUTPUT).' -rfka 'table json yaml'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config path" maintenance' -l 'maintenance' -d 'Maintenance mode: work on the databases directly, through the service libraries, instead of over HTTP (env MSCLI_MAINTENANCE=1).'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config path" auth-url' -l 'auth-url' -d 'Auth service base URL (env AUTH_SERVICE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config path" auth-database-url' -l 'auth-database-url' -d 'Auth database URL (env AUTH_DATABASE_URL).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config path" config' -l 'config' -d 'Config file (env MSCLI_CONFIG; default $XDG_CONFIG_HOME/mscli/config.toml).' -rfka ''
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config path" version' -l 'version' -d 'Show the version.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli config path" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'mscli' -n '__mscli_should_offer_completions_for_flags_or_options "mscli help" version' -l 'version' -d 'Show the version.'
