# bash completion for rkplan(1). Installed as
# share/bash-completion/completions/rkplan, where bash-completion loads it on first use;
# or source it from ~/.bashrc. Self-contained: needs bash 4, not the bash-completion
# package's helpers.
# Word splitting of compgen's output into COMPREPLY is meant (one candidate per line), and
# so is the literal "~/" of a command typed as ~/bin/rkplan:
# shellcheck disable=SC2207,SC2088

# Completes file names, offering those ending in one of the extensions given (any case)
# and directories; all files when none matches.
_rkplan_files() {
    local cur=$1 f ext
    shift
    local IFS=$'\n'
    local -a all=($(compgen -f -- "$cur")) matched=()
    for f in "${all[@]}"; do
        if [[ -d $f ]]; then
            matched+=("$f")
            continue
        fi
        for ext in "$@"; do
            if [[ ${f,,} == *."$ext" ]]; then
                matched+=("$f")
                break
            fi
        done
    done
    ((${#matched[@]})) || matched=("${all[@]}")
    # Outside a completion (a test calling the function) compopt fails: no matter.
    compopt -o filenames 2>/dev/null
    COMPREPLY=("${matched[@]}")
}

# The rule ids and [rules] keys, from the rkplan being completed ('rkplan explain' lists
# them indented by two spaces).
_rkplan_rules() {
    local cur=$1 bin=${COMP_WORDS[0]}
    [[ $bin == "~/"* ]] && bin=$HOME/${bin#"~/"}
    local IFS=$'\n'
    COMPREPLY=($(compgen -W "$("$bin" explain 2>/dev/null | sed -n 's/^  \([a-z][a-z_-]*\) .*/\1/p')" -- "$cur"))
}

# The exercise ids of [[strength]] (SPEC section 5), for --exercises a,b,c: the ids
# already typed stay, the last one is completed.
_rkplan_exercises() {
    local cur=$1 done_ids='' id
    [[ $cur == *,* ]] && done_ids=${cur%,*},
    local IFS=$'\n'
    COMPREPLY=()
    for id in straight-leg-raise clamshell side-lying-abduction short-foot terminal-knee-extension \
              single-leg-bridge lateral-band-walk wall-sit single-leg-balance; do
        [[ $id == "${cur##*,}"* ]] && COMPREPLY+=("$done_ids$id")
    done
    compopt -o nospace 2>/dev/null
}

_rkplan() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev='' i cmd=''
    ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
    # "--format=js": bash splits at '=' (COMP_WORDBREAKS) into --format, =, js.
    if [[ $cur == = ]]; then
        cur=
    elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
        prev=${COMP_WORDS[COMP_CWORD - 2]}
    fi

    # The command: the first word after "rkplan" that is not an option.
    for ((i = 1; i < COMP_CWORD; i++)); do
        case ${COMP_WORDS[i]} in
            -*) ;;
            *) cmd=${COMP_WORDS[i]}; break ;;
        esac
    done
    if [[ -z $cmd ]]; then
        COMPREPLY=($(compgen -W "plan check weeks status init log import plot explain --help --version" -- "$cur"))
        return 0
    fi

    local opts formats=
    case $cmd in
        plan)
            opts="--weeks --today --format --width --from --goal --units --increase --phase --help"
            formats="text json csv tsv ics" ;;
        check)
            opts="--next --next-downhill --next-descent --today --fail-on --format --width --help"
            formats="text json jsonl csv tsv" ;;
        weeks)
            opts="--today --format --width --help"
            formats="text json csv tsv" ;;
        status)
            opts="--today --format --stale-days --help"
            formats="text json jsonl csv tsv" ;;
        log)
            # The kind: the first word after "log" that is not an option; a file name
            # there is a run (rkplan log FILE ...).
            local kind=''
            for ((i = i + 1; i < COMP_CWORD; i++)); do
                case ${COMP_WORDS[i]} in
                    -*) ;;
                    *) kind=${COMP_WORDS[i]}; break ;;
                esac
            done
            if [[ -z $kind && $cur != -* ]]; then
                _rkplan_files "$cur" toml
                COMPREPLY+=($(compgen -W "run checkin strength cross shoe week soreness" -- "$cur"))
                return 0
            fi
            local common="--today --fail-on --help"
            case $kind in
                checkin)
                    opts="--date --pain --walking-pain --stairs-pain --exercise-pain --single-leg-squats
                          --stair-descent-pain --strength-ratio --swelling --rest-pain --night-pain --giving-way
                          --seen-clinician --note $common" ;;
                strength) opts="--date --exercises --pain --note $common" ;;
                cross) opts="--date --activity --duration --pain --rpe --note $common" ;;
                shoe) opts="--name --initial --retired --note $common" ;;
                week)
                    opts="--date --start --distance --descent --downhill --long-run --hard-sessions --pain
                          --pain-after --note $common" ;;
                soreness) opts="--pain-after --pain --date --index --replace $common" ;;
                *)
                    opts="--date --distance --duration --descent --downhill --kind --run-walk --pain --pain-after
                          --rpe --shoe --cadence --surface --note $common" ;;
            esac ;;
        import)
            opts="--append --units --strict --today --help" ;;
        plot)
            opts="-o --output --force --weeks --today --help" ;;
        init | explain)
            opts="--help" ;;
        *)
            return 0 ;;
    esac

    case $prev in
        --format)
            COMPREPLY=($(compgen -W "$formats" -- "$cur"))
            return 0 ;;
        --fail-on)
            COMPREPLY=($(compgen -W "error warning info" -- "$cur"))
            return 0 ;;
        --kind)
            COMPREPLY=($(compgen -W "easy long tempo intervals hills race run-walk" -- "$cur"))
            return 0 ;;
        --surface)
            COMPREPLY=($(compgen -W "road trail track treadmill grass" -- "$cur"))
            return 0 ;;
        --units)
            COMPREPLY=($(compgen -W "km mi" -- "$cur"))
            return 0 ;;
        --phase)
            COMPREPLY=($(compgen -W "prevention 4" -- "$cur"))
            return 0 ;;
        --activity)
            COMPREPLY=($(compgen -W "swimming pool-running cycling elliptical other" -- "$cur"))
            return 0 ;;
        --exercises)
            _rkplan_exercises "$cur"
            return 0 ;;
        --walking-pain | --stairs-pain | --exercise-pain | --stair-descent-pain | --swelling | --rest-pain | \
            --night-pain | --giving-way | --seen-clinician)
            COMPREPLY=($(compgen -W "yes no" -- "$cur"))
            return 0 ;;
        --today | --date | --start | --retired)
            COMPREPLY=($(compgen -W "$(date +%Y-%m-%d)" -- "$cur"))
            return 0 ;;
        --append)
            _rkplan_files "$cur" toml
            return 0 ;;
        -o | --output)
            _rkplan_files "$cur" svg
            return 0 ;;
        --weeks | --next | --next-downhill | --next-descent | --distance | --duration | --descent | \
            --downhill | --run-walk | --pain | --pain-after | --rpe | --shoe | --cadence | --note | --name | \
            --initial | --long-run | --hard-sessions | --single-leg-squats | --strength-ratio | --index | \
            --stale-days | --from | --goal | --increase)
            return 0 ;;  # a value of the user's
    esac

    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
        return 0
    fi
    case $cmd in
        explain) _rkplan_rules "$cur" ;;
        import) _rkplan_files "$cur" gpx tcx fit csv gz zip ;;
        *) _rkplan_files "$cur" toml ;;
    esac
    return 0
}
complete -F _rkplan rkplan
