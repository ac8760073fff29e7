package paper

import (
	"bytes"
	"html/template"
)

// HTML renders d as a page to print (A4, the margins of Decree 30/2020).
func HTML(d Doc) ([]byte, error) {
	w := d.words()
	var b bytes.Buffer
	err := page.Execute(&b, struct {
		Doc
		Nation, Motto, NumberLabel, Dated, Recip, Archive string
		Tables                                            []*Table
	}{d, w.nation, w.motto, w.number, w.date(d.Place, d.Date), w.recipients, w.archive, d.tables()})
	return b.Bytes(), err
}

var page = template.Must(template.New("doc").Funcs(template.FuncMap{"right": (*Table).right}).Parse(`<!doctype html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<title>{{.Title}}{{if .Number}} {{.Number}}{{end}}</title>
<style>
@page { size: A4; margin: 20mm 20mm 20mm 30mm; }
body { font-family: "Times New Roman", "Liberation Serif", Tinos, serif; font-size: 13pt; line-height: 1.35; color: #000; background: #fff; margin: 0 auto; max-width: 160mm; padding: 12mm 0; }
@media print { body { padding: 0; } }
.head { display: grid; grid-template-columns: 42% 58%; text-align: center; font-size: 12pt; }
html[lang=vi] .nation, html[lang=vi] .issuer { white-space: nowrap; }
@media screen and (max-width: 600px) { body { padding: 16px; } .head, .foot { grid-template-columns: 1fr; gap: 12px; } html[lang=vi] .nation, html[lang=vi] .issuer { white-space: normal; } }
.head p { margin: 0; }
.issuer, .nation, .title, .decider, .resolve, .signer b { font-weight: bold; }
.motto { font-weight: bold; display: inline-block; border-bottom: 1px solid #000; padding-bottom: 2px; }
.issuer-name { font-weight: bold; }
.issuer::after { content: ""; display: block; width: 30%; margin: 3px auto 0; border-bottom: 1px solid #000; }
.motto { font-size: 13pt; }
.dated { font-size: 13pt; }
.dated { font-style: italic; margin-top: 8px !important; }
.title { text-align: center; font-size: 14pt; margin: 22px 0 0; }
.subject { text-align: center; font-weight: bold; margin: 2px 0 0; }
.subject::after { content: ""; display: block; width: 30%; margin: 6px auto 0; border-bottom: 1px solid #000; }
.decider { text-align: center; margin: 16px 0 10px; }
.grounds p { font-style: italic; text-indent: 10mm; margin: 0 0 4px; text-align: justify; }
.resolve { text-align: center; margin: 12px 0; }
.article p { text-indent: 10mm; margin: 0 0 6px; text-align: justify; }
.article b { font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: 8px 0; font-size: 12pt; }
th, td { border: 1px solid #000; padding: 3px 6px; vertical-align: top; white-space: pre-line; }
th { font-weight: bold; }
td.num { text-align: right; white-space: nowrap; }
.facts th { text-align: left; width: 38%; font-weight: normal; }
.caption { font-weight: bold; margin: 12px 0 4px; }
.foot { display: grid; grid-template-columns: 50% 50%; margin-top: 18px; }
.recipients { font-size: 11pt; }
.recipients b { font-style: italic; font-size: 12pt; }
.recipients p { margin: 0; }
.signer { text-align: center; }
.signer p { margin: 0; }
.signer .name { margin-top: 70px; font-weight: bold; }
.footnote { margin-top: 24px; font-size: 10pt; font-style: italic; }
</style>
</head>
<body>
<div class="head">
  <div>
    {{if .Authority}}<p>{{.Authority}}</p>{{end}}
    <p class="issuer"><span class="issuer-name">{{.Issuer}}</span></p>
    {{if .Number}}<p style="margin-top:8px">{{.NumberLabel}}{{.Number}}</p>{{end}}
  </div>
  <div>
    <p class="nation">{{.Nation}}</p>
    <p><span class="motto">{{.Motto}}</span></p>
    <p class="dated">{{.Dated}}</p>
  </div>
</div>
<p class="title">{{.Title}}</p>
{{if .Subject}}<p class="subject">{{.Subject}}</p>{{end}}
{{if .Decider}}<p class="decider">{{.Decider}}</p>{{end}}
{{if .Grounds}}<div class="grounds">{{range .Grounds}}<p>{{.}}</p>{{end}}</div>{{end}}
{{if .Resolve}}<p class="resolve">{{.Resolve}}</p>{{end}}
{{range .Articles}}{{$a := .}}<div class="article">{{range $i, $p := .Paragraphs}}<p>{{if eq $i 0}}<b>{{$a.Heading}}</b> {{end}}{{$p}}</p>{{end}}</div>{{end}}
{{if .Facts}}<table class="facts">{{range .Facts}}<tr><th scope="row">{{.Label}}</th><td>{{.Value}}</td></tr>{{end}}</table>{{end}}
{{range .Tables}}{{if .Caption}}<p class="caption">{{.Caption}}</p>{{end}}<table><thead><tr>{{range .Head}}<th scope="col">{{.}}</th>{{end}}</tr></thead><tbody>{{$t := .}}{{range .Rows}}<tr>{{range $i, $c := .}}<td{{if right $t $i}} class="num"{{end}}>{{$c}}</td>{{end}}</tr>{{end}}</tbody></table>{{end}}
<div class="foot">
  <div class="recipients">{{if .Recipients}}<b>{{.Recip}}</b>{{range .Recipients}}<p>- {{.}};</p>{{end}}<p>- {{.Archive}}</p>{{end}}</div>
  <div class="signer">{{range .SignerTitle}}<p><b>{{.}}</b></p>{{end}}<p class="name">{{.SignerName}}</p></div>
</div>
{{if .Footnote}}<p class="footnote">{{.Footnote}}</p>{{end}}
</body>
</html>
`))
