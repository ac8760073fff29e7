package event

import (
	"context"
	"fmt"
	"strings"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/paper"
	"github.com/techmart-vn/techmart/internal/qr"
)

// BoothQR is the QR code of a booth as SVG: it leads to the event's page
// opened on that booth's showcase (BoothLink), for the sign at the booth
// and the printed catalogue.
func (s *Showcase) BoothQR(ctx context.Context, p *auth.Principal, eventID, booth string) ([]byte, error) {
	link, err := s.BoothLink(ctx, p, eventID, booth)
	if err != nil {
		return nil, err
	}
	return qr.SVG(link, booth)
}

// catalogueTexts are the catalogue's words in each language.
var catalogueTexts = map[string]struct {
	authority, issuer, title, when, where, online, organisers, stands, booth, organisation, role, shows, none, translation string
	roles                                                                                                                  map[string]string
}{
	"vi": {authority: "UBND TỈNH %s", issuer: "SỞ KHOA HỌC VÀ CÔNG NGHỆ", title: "DANH MỤC GIAN HÀNG VÀ NHU CẦU CÔNG NGHỆ",
		when: "Thời gian", where: "Địa điểm", online: "Chợ công nghệ trực tuyến", organisers: "Đơn vị tổ chức",
		stands: "Số gian hàng, đơn vị tham gia", booth: "Gian hàng", organisation: "Tổ chức", role: "Hình thức tham gia",
		shows: "Công nghệ, thiết bị giới thiệu / nhu cầu công nghệ", none: "(chưa có tin công bố)",
		roles: map[string]string{RoleExhibitor: "Trưng bày", RoleParticipant: "Mang nhu cầu (chợ ngược)", RoleInventor: "Nhà sáng chế (gian miễn phí)"}},
	"en": {authority: "%s PEOPLE'S COMMITTEE", issuer: "DEPARTMENT OF SCIENCE AND TECHNOLOGY", title: "EXHIBITOR CATALOGUE AND TECHNOLOGY NEEDS",
		when: "Dates", where: "Venue", online: "Online techmart", organisers: "Organisers",
		stands: "Booths and participants", booth: "Booth", organisation: "Organisation", role: "Taking part as",
		shows: "Technologies and equipment shown / technology needs", none: "(nothing published yet)",
		translation: "English translation for reading; the Vietnamese catalogue is the official one.",
		roles:       map[string]string{RoleExhibitor: "Exhibitor", RoleParticipant: "Brings needs (reverse techmart)", RoleInventor: "Inventor (free booth)"}},
}

// Catalogue lays out the printable exhibitor catalogue of a published
// event (officers may print a draft's): every approved stand in the order
// of the booths, with what it shows as the public sees it — its published
// listings, an exhibitor's offers or a participant's needs.
func (s *Showcase) Catalogue(ctx context.Context, p *auth.Principal, eventID, lang string) (paper.Doc, error) {
	if lang != "en" {
		lang = "vi"
	}
	t := catalogueTexts[lang]
	page, err := s.Search(ctx, p, eventID, ShowcaseQuery{PageSize: MaxShowcaseItems})
	if err != nil {
		return paper.Doc{}, err
	}
	ev, err := s.visible(ctx, p, eventID)
	if err != nil {
		return paper.Doc{}, err
	}
	province, name := s.provinceVI, ev.Name
	if lang == "en" {
		province = s.provinceEN
		if ev.NameEN != "" {
			name = ev.NameEN
		}
	}
	d := paper.Doc{
		Lang: lang, Authority: fmt.Sprintf(t.authority, strings.ToUpper(province)), Issuer: t.issuer, Place: province,
		Date: s.now().In(calendar.Vietnam), Title: t.title, Subject: name, Footnote: t.translation,
	}
	dates := showcaseDay(ev.StartDate)
	if ev.EndDate != "" && ev.EndDate != ev.StartDate {
		dates += " – " + showcaseDay(ev.EndDate)
	}
	d.Facts = append(d.Facts, paper.Fact{Label: t.when, Value: dates})
	if ev.Venue != "" {
		d.Facts = append(d.Facts, paper.Fact{Label: t.where, Value: ev.Venue})
	}
	if ev.Link != "" {
		d.Facts = append(d.Facts, paper.Fact{Label: t.online, Value: ev.Link})
	}
	if len(ev.Organisers) > 0 {
		d.Facts = append(d.Facts, paper.Fact{Label: t.organisers, Value: strings.Join(ev.Organisers, "; ")})
	}
	d.Facts = append(d.Facts, paper.Fact{Label: t.stands, Value: fmt.Sprint(page.Total)})
	tab := &paper.Table{Head: []string{t.booth, t.organisation, t.role, t.shows}, Widths: []float64{0.12, 0.28, 0.18, 0.42}}
	for _, st := range page.Stands {
		var titles []string
		for _, it := range st.Items {
			title := it.Title
			if lang == "en" && it.TitleEn != "" {
				title = it.TitleEn
			}
			titles = append(titles, "• "+title)
		}
		shows := strings.Join(titles, "\n")
		if shows == "" {
			shows = t.none
		}
		tab.Rows = append(tab.Rows, []string{st.Booth, st.Org.Name, t.roles[st.Role], shows})
	}
	d.Table = tab
	return d, nil
}

// showcaseDay writes a YYYY-MM-DD day as dd/mm/yyyy.
func showcaseDay(day string) string {
	if len(day) != 10 {
		return day
	}
	return day[8:10] + "/" + day[5:7] + "/" + day[:4]
}
