/**
 * A check of the Go templates in alert annotations (summary, description), at validation time.
 * Prometheus expands them with text/template when an alert fires; a broken one is refused by
 * the Prometheus Operator's admission webhook at best, and at worst the notification reads
 * `<error expanding template: ...>`. What is checked, without a Go parser:
 * - every `{{` has its `}}`, and no `}}` stands alone;
 * - `if`/`range`/`with`/`define`/`block` are closed by `end`, and `else`/`end` have an opener;
 * - every `$variable` is one Prometheus defines ($labels, $externalLabels, $externalURL,
 *   $value, $) or one the template declares (`$x :=`);
 * - every bare word is a keyword or a function Prometheus' template engine knows
 *   (https://prometheus.io/docs/prometheus/latest/configuration/template_reference/) or Go's
 *   text/template built-ins (https://pkg.go.dev/text/template#hdr-Functions);
 * - fields are only read from `$labels`, `$externalLabels`, `.Labels`, `.ExternalLabels`,
 *   `.Value` or a declared variable.
 * promtool `check rules` in the e2e tier parses the same templates with Go itself.
 */

/** Variables Prometheus defines for alert templates. */
const KNOWN_VARIABLES = new Set(["$", "$labels", "$externalLabels", "$externalURL", "$value"]);

const KEYWORDS = new Set(["if", "else", "end", "range", "with", "define", "template", "block", "break", "continue", "nil", "true", "false"]);
const OPENERS = new Set(["if", "range", "with", "define", "block"]);

/** Prometheus' template functions, then Go's text/template built-ins. */
const FUNCTIONS = new Set([
    "query", "first", "label", "value", "sortByLabel", "strvalue",
    "humanize", "humanize1024", "humanizeDuration", "humanizePercentage", "humanizeTimestamp", "toTime",
    "title", "toUpper", "toLower", "match", "reReplaceAll", "safeHtml", "stripPort", "stripDomain",
    "graphLink", "tableLink", "args", "externalURL", "pathPrefix", "parseDuration", "now",
    "and", "or", "not", "len", "index", "slice", "print", "printf", "println", "html", "js", "urlquery", "call",
    "eq", "ne", "lt", "le", "gt", "ge",
]);

/** Dot fields of the alert template data (Prometheus' template.Data). */
const DOT_FIELDS = new Set(["Labels", "ExternalLabels", "ExternalURL", "Value"]);

/** What is wrong with `text` as a Prometheus alert template, or undefined when it passes. */
export function alertTemplateProblem(text: string): string | undefined {
    const actions: string[] = [];
    let rest = text;
    for (;;) {
        const open = rest.indexOf("{{");
        const close = rest.indexOf("}}");
        if (open < 0) {
            return close >= 0 ? `a "}}" without its "{{"` : checkActions(actions);
        }
        if (close >= 0 && close < open) {
            return `a "}}" without its "{{"`;
        }
        const end = rest.indexOf("}}", open + 2);
        if (end < 0) {
            return `a "{{" without its "}}"`;
        }
        actions.push(rest.slice(open + 2, end).replace(/^-\s|\s-$/g, " ").trim());
        rest = rest.slice(end + 2);
    }
}

function checkActions(actions: string[]): string | undefined {
    const declared = new Set<string>();
    let depth = 0;
    for (const action of actions) {
        if (action.startsWith("/*")) {
            continue;
        }
        const words = tokens(action);
        const first = words[0];
        if (first === undefined) {
            return "an empty {{ }}";
        }
        if (OPENERS.has(first)) {
            depth++;
        } else if (first === "end") {
            depth--;
        }
        if (depth < 0 || (first === "else" && depth === 0)) {
            return `{{ ${first} }} without an if, range or with before it`;
        }
        const problem = checkWords(words, declared);
        if (problem !== undefined) {
            return problem;
        }
    }
    return depth > 0 ? "an if, range or with without its {{ end }}" : undefined;
}

/** The words of an action, without string, raw-string and character literals. */
function tokens(action: string): string[] {
    const bare = action
        .replace(/"(?:[^"\\]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)*'/g, " ")
        .replace(/(?<![\w$.])[-+]?\d[\d_]*(\.\d*)?([eE][-+]?\d+)?/g, " ");
    return bare.match(/\$[A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*|\.[A-Za-z0-9_.]*|[A-Za-z_][A-Za-z0-9_]*|:=|=/g) ?? [];
}

function checkWords(words: string[], declared: Set<string>): string | undefined {
    // `$x := ...` and `range $k, $v := ...` declare every variable before the `:=`.
    const assign = words.indexOf(":=");
    words.slice(0, Math.max(assign, 0)).filter((w) => w.startsWith("$")).forEach((w) => declared.add(w));
    for (let i = 0; i < words.length; i++) {
        const word = words[i];
        if (word.startsWith("$")) {
            const variable = word.split(".")[0];
            if (!KNOWN_VARIABLES.has(variable) && !declared.has(variable)) {
                return `an unknown variable ${variable}: expected $labels, $value, $externalLabels, $externalURL or one the template declares`;
            }
            if (["$value", "$externalURL"].includes(variable) && word !== variable) {
                return `a field of ${variable}, which has none: $labels.<name> reads a label`;
            }
        } else if (word.startsWith(".")) {
            const field = word.split(".")[1];
            if (field !== "" && !DOT_FIELDS.has(field)) {
                return `an unknown field .${field}: expected $labels.<name>, $value, .Labels or .Value`;
            }
        } else if (/^[A-Za-z_]/.test(word) && !KEYWORDS.has(word) && !FUNCTIONS.has(word)) {
            return `an unknown function ${word}: expected one of Prometheus' template functions such as humanize or printf`;
        }
    }
    return undefined;
}
