#!/bin/bash

__mscli_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__mscli_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__mscli_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__mscli_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_mscli() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __mscli_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    auth|theaters|movies|showings|book|search|food|scrape|reindex|seed|migrate|audit|config|doctor|shell|completion|help)
        # Offer subcommand argument completions
        "_mscli_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'auth theaters movies showings book search food scrape reindex seed migrate audit config doctor shell completion help' -- "${cur}"))
        ;;
    esac
}

_mscli_auth() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    register|login|logout|whoami|status|token|users)
        # Offer subcommand argument completions
        "_mscli_auth_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'register login logout whoami status token users' -- "${cur}"))
        ;;
    esac
}

_mscli_auth_register() {
    repeating_flags=()
    non_repeating_flags=(--password-stdin --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--email --name -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--email')
        return
        ;;
    '--name')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_auth_login() {
    repeating_flags=()
    non_repeating_flags=(--password-stdin --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--email -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--email')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_auth_logout() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_auth_whoami() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_auth_status() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_auth_token() {
    repeating_flags=()
    non_repeating_flags=(--cookie --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_auth_users() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|get|create|set-role|reset-password|disable|enable|end-sessions|delete)
        # Offer subcommand argument completions
        "_mscli_auth_users_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list get create set-role reset-password disable enable end-sessions delete' -- "${cur}"))
        ;;
    esac
}

_mscli_auth_users_list() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--limit --offset -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_auth_users_get() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_auth_users_create() {
    repeating_flags=()
    non_repeating_flags=(--password-stdin --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--email --name --role -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--email')
        return
        ;;
    '--name')
        return
        ;;
    '--role')
        __mscli_add_completions -W 'user'$'\n''moderator'$'\n''admin'$'\n''super_admin'
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_auth_users_set-role() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    2)
        __mscli_add_completions -W 'user'$'\n''moderator'$'\n''admin'$'\n''super_admin'
        return
        ;;
    esac
}

_mscli_auth_users_reset-password() {
    repeating_flags=()
    non_repeating_flags=(--password-stdin --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_auth_users_disable() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_auth_users_enable() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_auth_users_end-sessions() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_auth_users_delete() {
    repeating_flags=()
    non_repeating_flags=(-y --yes --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_theaters() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|get|create|update|delete|seats)
        # Offer subcommand argument completions
        "_mscli_theaters_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list get create update delete seats' -- "${cur}"))
        ;;
    esac
}

_mscli_theaters_list() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--city --limit --offset -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--city')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_theaters_get() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_theaters_create() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--name --location --address --city --description -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--name')
        return
        ;;
    '--location')
        return
        ;;
    '--address')
        return
        ;;
    '--city')
        return
        ;;
    '--description')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_theaters_update() {
    repeating_flags=()
    non_repeating_flags=(--clear-description --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--name --location --address --city --description -p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--name')
        return
        ;;
    '--location')
        return
        ;;
    '--address')
        return
        ;;
    '--city')
        return
        ;;
    '--description')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_theaters_delete() {
    repeating_flags=()
    non_repeating_flags=(-y --yes --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_theaters_seats() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    layout|list)
        # Offer subcommand argument completions
        "_mscli_theaters_seats_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'layout list' -- "${cur}"))
        ;;
    esac
}

_mscli_theaters_seats_layout() {
    repeating_flags=()
    non_repeating_flags=(--replace --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--rows --seats-per-row --premium-rows --vip-rows --recliner-rows -p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--rows')
        return
        ;;
    '--seats-per-row')
        return
        ;;
    '--premium-rows')
        return
        ;;
    '--vip-rows')
        return
        ;;
    '--recliner-rows')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_theaters_seats_list() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_movies() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|get|create|update|delete)
        # Offer subcommand argument completions
        "_mscli_movies_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list get create update delete' -- "${cur}"))
        ;;
    esac
}

_mscli_movies_list() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--genre --language --limit --offset -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--genre')
        return
        ;;
    '--language')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_movies_get() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_movies_create() {
    repeating_flags=()
    non_repeating_flags=(--imax --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--title --duration-minutes --description --genre --director --release-date --rating --language --poster-url --trailer-url --cast -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--title')
        return
        ;;
    '--duration-minutes')
        return
        ;;
    '--description')
        return
        ;;
    '--genre')
        return
        ;;
    '--director')
        return
        ;;
    '--release-date')
        return
        ;;
    '--rating')
        return
        ;;
    '--language')
        return
        ;;
    '--poster-url')
        return
        ;;
    '--trailer-url')
        return
        ;;
    '--cast')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_movies_update() {
    repeating_flags=()
    non_repeating_flags=(--imax --no-imax --maintenance --version -h --help)
    repeating_options=(--clear)
    non_repeating_options=(--title --duration-minutes --description --genre --director --release-date --rating --language --poster-url --trailer-url --cast -p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--title')
        return
        ;;
    '--duration-minutes')
        return
        ;;
    '--description')
        return
        ;;
    '--genre')
        return
        ;;
    '--director')
        return
        ;;
    '--release-date')
        return
        ;;
    '--rating')
        return
        ;;
    '--language')
        return
        ;;
    '--poster-url')
        return
        ;;
    '--trailer-url')
        return
        ;;
    '--cast')
        return
        ;;
    '--clear')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_movies_delete() {
    repeating_flags=()
    non_repeating_flags=(-y --yes --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_showings() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|get|create|update|delete)
        # Offer subcommand argument completions
        "_mscli_showings_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list get create update delete' -- "${cur}"))
        ;;
    esac
}

_mscli_showings_list() {
    repeating_flags=()
    non_repeating_flags=(--include-expired --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--movie-id --theater-id --date --tz --limit --offset -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--movie-id')
        return
        ;;
    '--theater-id')
        return
        ;;
    '--date')
        return
        ;;
    '--tz')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_showings_get() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--tz -p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--tz')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_showings_create() {
    repeating_flags=()
    non_repeating_flags=(--inactive --maintenance --version -h --help)
    repeating_options=(--price)
    non_repeating_options=(--movie-id --theater-id --start --end --available-seats --expires-at --tz -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--movie-id')
        return
        ;;
    '--theater-id')
        return
        ;;
    '--start')
        return
        ;;
    '--end')
        return
        ;;
    '--available-seats')
        return
        ;;
    '--expires-at')
        return
        ;;
    '--price')
        return
        ;;
    '--tz')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_showings_update() {
    repeating_flags=()
    non_repeating_flags=(--active --inactive --maintenance --version -h --help)
    repeating_options=(--price)
    non_repeating_options=(--start --end --available-seats --expires-at --tz -p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--start')
        return
        ;;
    '--end')
        return
        ;;
    '--available-seats')
        return
        ;;
    '--expires-at')
        return
        ;;
    '--price')
        return
        ;;
    '--tz')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_showings_delete() {
    repeating_flags=()
    non_repeating_flags=(-y --yes --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_book() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    hold|release|create|list|get|cancel|map)
        # Offer subcommand argument completions
        "_mscli_book_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'hold release create list get cancel map' -- "${cur}"))
        ;;
    esac
}

_mscli_book_hold() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--user-id -p --profile -o --output)
    __mscli_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--user-id')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_book_release() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--user-id -p --profile -o --output)
    __mscli_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--user-id')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_book_create() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--total-price --user-id --tz -p --profile -o --output)
    __mscli_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--total-price')
        return
        ;;
    '--user-id')
        return
        ;;
    '--tz')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_book_list() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--user-id --tz --limit --offset -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--user-id')
        return
        ;;
    '--tz')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_book_get() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--tz -p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--tz')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_book_cancel() {
    repeating_flags=()
    non_repeating_flags=(-y --yes --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--tz -p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--tz')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_book_map() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--user-id --tz -p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--user-id')
        return
        ;;
    '--tz')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_search() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    query|status)
        # Offer subcommand argument completions
        "_mscli_search_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'query status' -- "${cur}"))
        ;;
    esac
}

_mscli_search_query() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=(--index)
    non_repeating_options=(--limit --offset --search-url -p --profile -o --output)
    __mscli_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--index')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    '--search-url')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_search_status() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--search-url -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--search-url')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    categories|restaurants|foods|menu|orders)
        # Offer subcommand argument completions
        "_mscli_food_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'categories restaurants foods menu orders' -- "${cur}"))
        ;;
    esac
}

_mscli_food_categories() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|get|create|delete)
        # Offer subcommand argument completions
        "_mscli_food_categories_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list get create delete' -- "${cur}"))
        ;;
    esac
}

_mscli_food_categories_list() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--limit --offset -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_categories_get() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_categories_create() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--name --slug --description -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--name')
        return
        ;;
    '--slug')
        return
        ;;
    '--description')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_categories_delete() {
    repeating_flags=()
    non_repeating_flags=(-y --yes --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_restaurants() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|get|create|delete)
        # Offer subcommand argument completions
        "_mscli_food_restaurants_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list get create delete' -- "${cur}"))
        ;;
    esac
}

_mscli_food_restaurants_list() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--limit --offset -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_restaurants_get() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_restaurants_create() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--name --address --type --description --image-url -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--name')
        return
        ;;
    '--address')
        return
        ;;
    '--type')
        return
        ;;
    '--description')
        return
        ;;
    '--image-url')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_restaurants_delete() {
    repeating_flags=()
    non_repeating_flags=(-y --yes --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_foods() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|get|create|delete)
        # Offer subcommand argument completions
        "_mscli_food_foods_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list get create delete' -- "${cur}"))
        ;;
    esac
}

_mscli_food_foods_list() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--category --limit --offset -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--category')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_foods_get() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_foods_create() {
    repeating_flags=()
    non_repeating_flags=(--vegetarian --no-vegetarian --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--name --price --category --description --image-url -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--name')
        return
        ;;
    '--price')
        return
        ;;
    '--category')
        return
        ;;
    '--description')
        return
        ;;
    '--image-url')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_foods_delete() {
    repeating_flags=()
    non_repeating_flags=(-y --yes --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_menu() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|get|create|update|delete)
        # Offer subcommand argument completions
        "_mscli_food_menu_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list get create update delete' -- "${cur}"))
        ;;
    esac
}

_mscli_food_menu_list() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--restaurant --limit --offset -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--restaurant')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_menu_get() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_menu_create() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--restaurant --food --category --price -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--restaurant')
        return
        ;;
    '--food')
        return
        ;;
    '--category')
        return
        ;;
    '--price')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_menu_update() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--price -p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--price')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_menu_delete() {
    repeating_flags=()
    non_repeating_flags=(-y --yes --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_orders() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|get|create|advance|status|cancel|watch)
        # Offer subcommand argument completions
        "_mscli_food_orders_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list get create advance status cancel watch' -- "${cur}"))
        ;;
    esac
}

_mscli_food_orders_list() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--user-id --restaurant --status --limit --offset -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--user-id')
        return
        ;;
    '--restaurant')
        return
        ;;
    '--status')
        __mscli_add_completions -W 'pending'$'\n''confirmed'$'\n''preparing'$'\n''ready'$'\n''delivered'$'\n''cancelled'$'\n''refunded'
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_orders_get() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_orders_create() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--restaurant --idempotency-key --user-id -p --profile -o --output)
    __mscli_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--restaurant')
        return
        ;;
    '--idempotency-key')
        return
        ;;
    '--user-id')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_orders_advance() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_orders_status() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    2)
        __mscli_add_completions -W 'pending'$'\n''confirmed'$'\n''preparing'$'\n''ready'$'\n''delivered'$'\n''cancelled'$'\n''refunded'
        return
        ;;
    esac
}

_mscli_food_orders_cancel() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_food_orders_watch() {
    repeating_flags=()
    non_repeating_flags=(--all --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--restaurant --order --count --timeout -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--restaurant')
        return
        ;;
    '--order')
        return
        ;;
    '--count')
        return
        ;;
    '--timeout')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_scrape() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    ipos|history|diff)
        # Offer subcommand argument completions
        "_mscli_scrape_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'ipos history diff' -- "${cur}"))
        ;;
    esac
}

_mscli_scrape_ipos() {
    repeating_flags=()
    non_repeating_flags=(--diff --no-store --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--file --url -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--file')
        __mscli_add_completions -o plusdirs -fX '!*.@(html|htm)'
        return
        ;;
    '--url')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_scrape_history() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--limit -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--limit')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_scrape_diff() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_reindex() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    rebuild|rollback)
        # Offer subcommand argument completions
        "_mscli_reindex_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'rebuild rollback' -- "${cur}"))
        ;;
    esac
}

_mscli_reindex_rebuild() {
    repeating_flags=()
    non_repeating_flags=(--keep-old --dry-run --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--batch-megabytes --search-url -p --profile -o --output)
    __mscli_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--batch-megabytes')
        return
        ;;
    '--search-url')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __mscli_add_completions -W 'movies'$'\n''theaters'$'\n''showings'$'\n''bookings'
        return
        ;;
    esac
}

_mscli_reindex_rollback() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--search-url -p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--search-url')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __mscli_add_completions -W 'movies'$'\n''theaters'$'\n''showings'$'\n''bookings'
        return
        ;;
    esac
}

_mscli_seed() {
    repeating_flags=()
    non_repeating_flags=(--skip-users --skip-food --skip-booking --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--scale --start-date -p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--scale')
        return
        ;;
    '--start-date')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __mscli_add_completions -d
        return
        ;;
    esac
}

_mscli_migrate() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    status|up|down|verify|baseline|wait)
        # Offer subcommand argument completions
        "_mscli_migrate_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'status up down verify baseline wait' -- "${cur}"))
        ;;
    esac
}

_mscli_migrate_status() {
    repeating_flags=()
    non_repeating_flags=(--all --check --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __mscli_add_completions -W 'auth'$'\n''booking'$'\n''food'
        return
        ;;
    esac
}

_mscli_migrate_up() {
    repeating_flags=()
    non_repeating_flags=(--all --dry-run --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--to -p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--to')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __mscli_add_completions -W 'auth'$'\n''booking'$'\n''food'
        return
        ;;
    esac
}

_mscli_migrate_down() {
    repeating_flags=()
    non_repeating_flags=(--dry-run -y --yes --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--to -p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--to')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __mscli_add_completions -W 'auth'$'\n''booking'$'\n''food'
        return
        ;;
    esac
}

_mscli_migrate_verify() {
    repeating_flags=()
    non_repeating_flags=(--all --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __mscli_add_completions -W 'auth'$'\n''booking'$'\n''food'
        return
        ;;
    esac
}

_mscli_migrate_baseline() {
    repeating_flags=()
    non_repeating_flags=(-y --yes --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--to -p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--to')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __mscli_add_completions -W 'auth'$'\n''booking'$'\n''food'
        return
        ;;
    esac
}

_mscli_migrate_wait() {
    repeating_flags=()
    non_repeating_flags=(--all --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--timeout -p --profile -o --output)
    __mscli_offer_flags_options -1

    # Offer option value completions
    case "${prev}" in
    '--timeout')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    *)
        __mscli_add_completions -W 'auth'$'\n''booking'$'\n''food'
        return
        ;;
    esac
}

_mscli_audit() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list)
        # Offer subcommand argument completions
        "_mscli_audit_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list' -- "${cur}"))
        ;;
    esac
}

_mscli_audit_list() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(--since --until --user --command --limit -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--since')
        return
        ;;
    '--until')
        return
        ;;
    '--user')
        return
        ;;
    '--command')
        return
        ;;
    '--limit')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_config() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|get|set|unset|use|delete-profile|path)
        # Offer subcommand argument completions
        "_mscli_config_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list get set unset use delete-profile path' -- "${cur}"))
        ;;
    esac
}

_mscli_config_list() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_config_get() {
    repeating_flags=()
    non_repeating_flags=(--reveal --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __mscli_add_completions -W 'auth_url'$'\n''auth_database_url'$'\n''booking_url'$'\n''booking_database_url'$'\n''food_url'$'\n''food_database_url'$'\n''food_shard_urls'$'\n''redis_url'$'\n''search_url'$'\n''output'
        return
        ;;
    esac
}

_mscli_config_set() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __mscli_add_completions -W 'auth_url'$'\n''auth_database_url'$'\n''booking_url'$'\n''booking_database_url'$'\n''food_url'$'\n''food_database_url'$'\n''food_shard_urls'$'\n''redis_url'$'\n''search_url'$'\n''output'
        return
        ;;
    esac
}

_mscli_config_unset() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    1)
        __mscli_add_completions -W 'auth_url'$'\n''auth_database_url'$'\n''booking_url'$'\n''booking_database_url'$'\n''food_url'$'\n''food_database_url'$'\n''food_shard_urls'$'\n''redis_url'$'\n''search_url'$'\n''output'
        return
        ;;
    esac
}

_mscli_config_use() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_config_delete-profile() {
    repeating_flags=()
    non_repeating_flags=(-y --yes --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_config_path() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_doctor() {
    repeating_flags=()
    non_repeating_flags=(--maintenance --version -h --help)
    repeating_options=(--patroni-url)
    non_repeating_options=(--search-url -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--search-url')
        return
        ;;
    '--patroni-url')
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_shell() {
    repeating_flags=()
    non_repeating_flags=(--keep-going --maintenance --version -h --help)
    repeating_options=()
    non_repeating_options=(-f --file -p --profile -o --output)
    __mscli_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '-f'|'--file')
        __mscli_add_completions -f
        return
        ;;
    '-p'|'--profile')
        return
        ;;
    '-o'|'--output')
        __mscli_add_completions -W 'table'$'\n''json'$'\n''yaml'$'\n''name'$'\n''tsv'
        return
        ;;
    esac
}

_mscli_completion() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options 1

    # Offer positional completions
    case "${positional_number}" in
    1)
        __mscli_add_completions -W 'zsh'$'\n''bash'$'\n''fish'
        return
        ;;
    esac
}

_mscli_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __mscli_offer_flags_options -1
}

complete -o filenames -F _mscli mscli
