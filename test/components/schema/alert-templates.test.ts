import * as assert from "assert";
import { alertTemplateProblem } from "../../../components/schema/alert-templates";

describe("alert annotation templates", () => {
    const good = [
        "Sealing jobs fail",
        "{{ $value }} failed jobs in {{ $labels.namespace }}",
        "{{ $value | humanizePercentage }} of requests on {{ .Labels.instance }}",
        '{{ if gt $value 100.0 }}very {{ else }}somewhat {{ end }}high: {{ printf "%.1f" $value }}/s',
        "{{ range $k, $v := $labels }}{{ $k }}={{ $v }} {{ end }}",
        "{{- $x := $labels.job -}}{{ $x | toUpper }}",
        '{{ with query "up" }}{{ . | first | value }}{{ end }}',
        "{{/* a comment */}}{{ $externalURL }}",
    ];
    for (const text of good) {
        it(`accepts ${JSON.stringify(text)}`, () => {
            assert.strictEqual(alertTemplateProblem(text), undefined);
        });
    }

    const bad: [string, RegExp][] = [
        ["{{ $value ", /"\{\{" without its "\}\}"/],
        ["value }} high", /"\}\}" without its "\{\{"/],
        ["{{ $values }}", /unknown variable \$values/],
        ["{{ $label.namespace }}", /unknown variable \$label/],
        ["{{ $value | humanise }}", /unknown function humanise/],
        ["{{ if $value }}high", /without its \{\{ end \}\}/],
        ["high{{ end }}", /\{\{ end \}\} without an if/],
        ["{{ .Labelz.job }}", /unknown field \.Labelz/],
        ["{{ $value.foo }}", /a field of \$value/],
        ["{{ }}", /empty/],
    ];
    for (const [text, expects] of bad) {
        it(`refuses ${JSON.stringify(text)}, saying why`, () => {
            assert.match(alertTemplateProblem(text) ?? "accepted", expects);
        });
    }

    it("ignores words inside string literals", () => {
        assert.strictEqual(alertTemplateProblem('{{ reReplaceAll "foo(bar)" "$1 unknownfn" $labels.job }}'), undefined);
    });
});
