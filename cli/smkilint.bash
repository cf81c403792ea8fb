# bash completion for smkilint(1)                          -*- shell-script -*-
# Installed as share/bash-completion/completions/smkilint.

_smkilint_profiles()
{
    # the names `smkilint profiles` lists (first column, without the header)
    smkilint profiles 2>/dev/null | awk 'NR > 1 { print $1 }'
}

_smkilint()
{
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion || return
    else
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD - 1]}
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
    fi

    local commands="lint inventory lints explain profiles profile check-profile compare derive-profile version help"
    local severities="fatal error warning notice info"

    if [[ $cword -eq 1 ]]; then
        COMPREPLY=($(compgen -W "$commands --help --version" -- "$cur"))
        return
    fi
    local cmd=${words[1]}

    # option values
    case $prev in
        --format | -f)
            case $cmd in
                lint) COMPREPLY=($(compgen -W "text json jsonl sarif junit" -- "$cur")) ;;
                inventory) COMPREPLY=($(compgen -W "text json csv" -- "$cur")) ;;
                lints) COMPREPLY=($(compgen -W "text json markdown" -- "$cur")) ;;
                *) COMPREPLY=($(compgen -W "text json" -- "$cur")) ;;
            esac
            return ;;
        --fail-on | -F | --min-severity)
            COMPREPLY=($(compgen -W "$severities" -- "$cur"))
            return ;;
        --profile)
            COMPREPLY=($(compgen -W "auto none $(_smkilint_profiles)" -- "$cur") $(compgen -f -X '!*.@(yaml|yml|json)' -- "$cur"))
            return ;;
        --ignore)
            COMPREPLY=($(compgen -W "$(smkilint lints --format json 2>/dev/null | grep -o '"id": *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/')" -- "$cur"))
            return ;;
        -j | --jobs)
            COMPREPLY=($(compgen -W "0 1 2 4 8" -- "$cur"))
            return ;;
        --by)
            # FIELD[,FIELD]...: complete the field after the last comma
            local done_part="" field=$cur
            if [[ $cur == *,* ]]; then
                done_part=${cur%,*},
                field=${cur##*,}
            fi
            COMPREPLY=($(compgen -P "$done_part" -W "profile role usage issuer ca entity env year lint" -- "$field"))
            compopt -o nospace 2>/dev/null
            return ;;
        --ca-max-certs)
            COMPREPLY=($(compgen -W "100000" -- "$cur"))
            return ;;
        --ca-max-period)
            COMPREPLY=($(compgen -W "3mo 90d" -- "$cur"))
            return ;;
        --ca-warn-fraction)
            COMPREPLY=($(compgen -W "0.9 0.8" -- "$cur"))
            return ;;
        --profile-dir | --issuer-dir)
            COMPREPLY=($(compgen -d -- "$cur"))
            return ;;
        --waivers | --files-from | --env | --naming | --issuer | --name)
            COMPREPLY=($(compgen -f -- "$cur"))
            return ;;
    esac

    if [[ $cur == -* ]]; then
        local opts
        case $cmd in
            lint) opts="--format --fail-on --min-severity --ignore --waivers --jobs -j --files-from --null -0
                        --progress --no-progress --verbose --profile --env --naming --profile-dir --issuer
                        --issuer-dir --bulk --ca-max-certs --ca-max-period --ca-warn-fraction --help" ;;
            inventory) opts="--by --format --min-severity --ignore --jobs -j --files-from --null -0 --progress
                        --no-progress --profile --env --naming --profile-dir --issuer --issuer-dir --help" ;;
            lints) opts="--format --profile-dir" ;;
            explain) opts="--profile-dir" ;;
            profiles | profile) opts="--profile-dir --env --naming" ;;
            check-profile) opts="--profile-dir" ;;
            compare) opts="--strict --all --format --help" ;;
            derive-profile) opts="--name --help" ;;
        esac
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return
    fi

    case $cmd in
        profile)
            if [[ $cword -eq 2 ]]; then
                COMPREPLY=($(compgen -W "show" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "$(_smkilint_profiles)" -- "$cur") $(compgen -f -- "$cur"))
            fi ;;
        explain)
            COMPREPLY=($(compgen -W "$(smkilint lints --format json 2>/dev/null | grep -o '"id": *"[^"]*"' | sed 's/.*"\([^"]*\)"$/\1/')" -- "$cur")) ;;
        version | help | lints | profiles) ;;
        *)
            COMPREPLY=($(compgen -f -- "$cur")) ;;
    esac
} &&
    complete -o filenames -F _smkilint smkilint

# ex: filetype=sh
