# Shared by the translation tests (POSIX sh, sourced): the languages of
# po/LINGUAS and their catalogues, compiled from po/LL.po into a private
# directory that the program reads through $CONNRESET_LOCALEDIR. Messages
# are chosen with LANGUAGE=LL under LC_ALL=C.UTF-8: GNU gettext honours
# $LANGUAGE in every locale but "C", so no de_DE/es_ES locale is needed.
i18n_top=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}

# The language codes of po/LINGUAS, one a line.
i18n_langs() {
	sed -e 's/#.*//' "$i18n_top/po/LINGUAS" | tr -s ' \t' '\n\n' |
	    sed '/^$/d'
}

# i18n_catalogs DIR: DIR/LL/LC_MESSAGES/connreset.mo for every language
# of po/LINGUAS; says what failed and returns 1 if one cannot be built.
i18n_catalogs() {
	for _l in $(i18n_langs); do
		mkdir -p "$1/$_l/LC_MESSAGES" || return 1
		if ! msgfmt -c -o "$1/$_l/LC_MESSAGES/connreset.mo" \
		    "$i18n_top/po/$_l.po"; then
			echo "FAIL: po/$_l.po does not compile"
			return 1
		fi
	done
	I18N_DIR=$1
}

# i18n_gettext LL MSGID: MSGID in language LL, looked up in the catalogues
# of i18n_catalogs (MSGID itself when it has no translation).
i18n_gettext() {
	TEXTDOMAINDIR=$I18N_DIR LANGUAGE=$1 LC_ALL=C.UTF-8 \
	    gettext -d connreset -- "$2"
}

# i18n_translated LL MSGID: succeeds when LL has a translation for MSGID
# that differs from it (a test's own msgid that disappeared fails loudly).
i18n_translated() {
	[ "$(i18n_gettext "$1" "$2")" != "$2" ]
}

# i18n_run LL CMD...: runs CMD with messages in LL and the test catalogues.
i18n_run() {
	_l=$1
	shift
	env CONNRESET_LOCALEDIR="$I18N_DIR" LANGUAGE="$_l" LC_ALL=C.UTF-8 "$@"
}
