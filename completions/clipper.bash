# bash completion for clipper; generated from clipper's commands by `python -m clipper.completions`; do not edit.
# Install: copy to ~/.local/share/bash-completion/completions/clipper,
# or add `source /path/to/clipper.bash` to ~/.bashrc.

_clipper_files() {
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$1"))
}

_clipper() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
    local i command=""
    for ((i = 1; i < COMP_CWORD; i++)); do
        case "${COMP_WORDS[i]}" in
            --library|-L) ((i++)) ;;
            -*) ;;
            *) command="${COMP_WORDS[i]}"; break ;;
        esac
    done
    case "$command" in
    "")
        case "$prev" in
        --library|-L) _clipper_files "$cur"; return ;;
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--library -L --version --help -h" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "clip extract search list show images open tag note star unstar read unread highlight rm stats config export import pending reextract refresh history diff feed" -- "$cur"))
        fi
        ;;
    clip)
        case "$prev" in
        --from) _clipper_files "$cur"; return ;;
        --url) :; return ;;
        --tag|-t) :; return ;;
        --jobs|-j) :; return ;;
        --per-host) :; return ;;
        --timeout) :; return ;;
        --connect-timeout) :; return ;;
        --read-timeout) :; return ;;
        --max-size) :; return ;;
        --retries) :; return ;;
        --user-agent) :; return ;;
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--from --url --tag -t --json --refetch --jobs -j --per-host --timeout --connect-timeout --read-timeout --max-size --retries --user-agent --images --help -h" -- "$cur"))
        else
            _clipper_files "$cur"
        fi
        ;;
    extract)
        case "$prev" in
        --url) :; return ;;
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--url --json --markdown --text --help -h" -- "$cur"))
        else
            _clipper_files "$cur"
        fi
        ;;
    search)
        case "$prev" in
        --limit|-n) :; return ;;
        --offset) :; return ;;
        --sort) COMPREPLY=($(compgen -W "relevance date" -- "$cur")); return ;;
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--limit -n --offset --sort --json --help -h" -- "$cur"))
        fi
        ;;
    list)
        case "$prev" in
        --site|-s) :; return ;;
        --tag|-t) :; return ;;
        --since) :; return ;;
        --feed) :; return ;;
        --limit|-n) :; return ;;
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--site -s --tag -t --since --starred --unread --feed --limit -n --json --help -h" -- "$cur"))
        fi
        ;;
    show)
        case "$prev" in
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--raw --json --help -h" -- "$cur"))
        fi
        ;;
    images)
        case "$prev" in
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--json --help -h" -- "$cur"))
        fi
        ;;
    open)
        case "$prev" in
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--help -h" -- "$cur"))
        fi
        ;;
    tag)
        case "$prev" in
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--json --help" -- "$cur"))
        fi
        ;;
    note)
        case "$prev" in
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--clear --json --help -h" -- "$cur"))
        fi
        ;;
    star)
        case "$prev" in
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--json --help -h" -- "$cur"))
        fi
        ;;
    unstar)
        case "$prev" in
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--json --help -h" -- "$cur"))
        fi
        ;;
    read)
        case "$prev" in
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--json --help -h" -- "$cur"))
        fi
        ;;
    unread)
        case "$prev" in
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--json --help -h" -- "$cur"))
        fi
        ;;
    highlight)
        case "$prev" in
        --note) :; return ;;
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--note --json --help -h" -- "$cur"))
        fi
        ;;
    rm)
        case "$prev" in
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--yes -y --json --help -h" -- "$cur"))
        fi
        ;;
    stats)
        case "$prev" in
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--json --help -h" -- "$cur"))
        fi
        ;;
    config)
        case "$prev" in
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--json --help -h" -- "$cur"))
        fi
        ;;
    export)
        case "$prev" in
        --to) _clipper_files "$cur"; return ;;
        --format|-f) COMPREPLY=($(compgen -W "markdown jsonl epub" -- "$cur")); return ;;
        --title) :; return ;;
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--to --format -f --with-html --with-images --title --help -h" -- "$cur"))
        fi
        ;;
    import)
        case "$prev" in
        --format|-f) COMPREPLY=($(compgen -W "jsonl wallabag bookmarks pocket omnivore instapaper readwise raindrop karakeep urls" -- "$cur")); return ;;
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--format -f --fetch --help -h" -- "$cur"))
        else
            _clipper_files "$cur"
        fi
        ;;
    pending)
        case "$prev" in
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--clip --json --help -h" -- "$cur"))
        fi
        ;;
    reextract)
        case "$prev" in
        --id) :; return ;;
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--id --all --images --help -h" -- "$cur"))
        fi
        ;;
    refresh)
        case "$prev" in
        --id) :; return ;;
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--id --all --images --help -h" -- "$cur"))
        fi
        ;;
    history)
        case "$prev" in
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--json --help -h" -- "$cur"))
        fi
        ;;
    diff)
        case "$prev" in
        esac
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--full --help -h" -- "$cur"))
        fi
        ;;
    feed)
        local sub=""
        for ((i++; i < COMP_CWORD; i++)); do
            case "${COMP_WORDS[i]}" in
                -*) ;;
                *) sub="${COMP_WORDS[i]}"; break ;;
            esac
        done
        case "$sub" in
        "")
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--help -h" -- "$cur"))
            else
                COMPREPLY=($(compgen -W "add list update rm import export" -- "$cur"))
            fi
            ;;
        add)
            case "$prev" in
            --name) :; return ;;
            --tag|-t) :; return ;;
            esac
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--name --tag -t --all --help -h" -- "$cur"))
            fi
            ;;
        list)
            case "$prev" in
            esac
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--json --help -h" -- "$cur"))
            fi
            ;;
        update)
            case "$prev" in
            --jobs|-j) :; return ;;
            --per-host) :; return ;;
            --max-per-feed) :; return ;;
            esac
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--jobs -j --per-host --max-per-feed --dry-run --quiet -q --json --help -h" -- "$cur"))
            fi
            ;;
        rm)
            case "$prev" in
            esac
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--help -h" -- "$cur"))
            fi
            ;;
        import)
            case "$prev" in
            --tag|-t) :; return ;;
            esac
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--tag -t --help -h" -- "$cur"))
            else
                _clipper_files "$cur"
            fi
            ;;
        export)
            case "$prev" in
            --to) _clipper_files "$cur"; return ;;
            esac
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--opml --to --help -h" -- "$cur"))
            fi
            ;;
        esac
        ;;
    esac
}

complete -F _clipper clipper
