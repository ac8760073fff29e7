package web

import "strings"

const siteName = "Techmart"

// text is one text in both languages; {province} and {q} are filled in.
type text struct{ vi, en string }

func (t text) in(lang string) string {
	if lang == LangEN {
		return t.en
	}
	return t.vi
}

// The heads' texts. Labels follow the SPA's (frontend/src/i18n).
var texts = map[string]text{
	"tagline": {"Chợ công nghệ – thiết bị", "Technology and equipment market"},
	"home.title": {"Techmart – Chợ công nghệ – thiết bị {province}",
		"Techmart – Technology and equipment market of {province}"},
	"home.description": {"Chợ công nghệ – thiết bị của Sở Khoa học và Công nghệ {province}: công nghệ, thiết bị, tài sản trí tuệ chào bán và nhu cầu công nghệ của doanh nghiệp, từ các tổ chức đã được xác minh.",
		"The technology and equipment market of the {province} Department of Science and Technology: technologies, equipment and intellectual property offered for transfer, and enterprises' technology needs, from verified organisations."},
	"search.title":       {"Tìm công nghệ, thiết bị và nhu cầu – Techmart", "Search technologies, equipment and needs – Techmart"},
	"search.titleQuery":  {"“{q}” – Tìm kiếm – Techmart", "“{q}” – Search – Techmart"},
	"search.description": {"Tìm công nghệ, thiết bị, tài sản trí tuệ và nhu cầu công nghệ đã được Sở Khoa học và Công nghệ {province} duyệt; gõ có dấu hay không dấu đều được.", "Search technologies, equipment, intellectual property and technology needs approved by the {province} Department of Science and Technology."},
	"search.descriptionQuery": {"Kết quả tìm kiếm “{q}” trên chợ công nghệ – thiết bị {province}: công nghệ, thiết bị, tài sản trí tuệ và nhu cầu công nghệ.",
		"Results for “{q}” on the technology and equipment market of {province}: technologies, equipment, intellectual property and technology needs."},
	"support.title":         {"Chương trình hỗ trợ đổi mới công nghệ – Techmart", "Technology innovation support programmes – Techmart"},
	"support.description":   {"Các chương trình hỗ trợ doanh nghiệp đổi mới công nghệ của Sở Khoa học và Công nghệ {province}: thời hạn nộp hồ sơ, kinh phí, điều kiện và hồ sơ cần có.", "The {province} Department of Science and Technology's programmes supporting enterprises' technology innovation: deadlines, budgets, eligibility and the documents required."},
	"dashboard.title":       {"Kinh phí hỗ trợ đổi mới công nghệ – Techmart", "Technology innovation support budget – Techmart"},
	"dashboard.description": {"Kinh phí các chương trình hỗ trợ đổi mới công nghệ của tỉnh {province}: đã cam kết, đã giải ngân và còn lại, cùng số doanh nghiệp được hỗ trợ so với mục tiêu.", "The money of {province}'s technology innovation support programmes: committed, disbursed and remaining, and the enterprises supported against the target."},
	"results.title":         {"Kết quả thực hiện – Techmart", "Results – Techmart"},
	"results.description":   {"Kết quả thực hiện kế hoạch phát triển thị trường khoa học và công nghệ của tỉnh {province}: tiến độ các mục tiêu, hợp đồng chuyển giao công nghệ, kinh phí hỗ trợ; dữ liệu mở JSON và CSV.", "Results of {province}'s plan for the science and technology market: progress on its targets, technology transfer contracts and support money; open data as JSON and CSV."},
	"showcase.titleEvent":   {"Gian hàng và nhu cầu công nghệ – {name}", "Booths and technology needs – {name}"},
	"showcase.description":  {"Các gian hàng của chợ công nghệ – thiết bị {province}: đơn vị trưng bày, công nghệ và thiết bị giới thiệu, nhu cầu công nghệ doanh nghiệp mang đến.", "The booths of the {province} technology and equipment fair: exhibitors, the technologies and equipment they show, and the technology needs enterprises bring."},
	"register.title":        {"Đăng ký tổ chức – Techmart", "Register your organisation – Techmart"},
	"register.description":  {"Đăng ký tài khoản và tổ chức để chào bán công nghệ, thiết bị, tài sản trí tuệ hoặc đăng nhu cầu công nghệ trên Techmart.", "Register an account and your organisation to offer technologies, equipment and intellectual property or post technology needs on Techmart."},
	"login.title":           {"Đăng nhập – Techmart", "Log in – Techmart"},
	"login.description":     {"Đăng nhập Techmart, chợ công nghệ – thiết bị {province}.", "Log in to Techmart, the technology and equipment market of {province}."},
	"private.title":         {"Techmart – Chợ công nghệ – thiết bị", "Techmart – Technology and equipment market"},
	"notFound.title":        {"Không tìm thấy trang – Techmart", "Page not found – Techmart"},
	"gone.title":            {"Tin đã được lưu trữ – Techmart", "This listing has been archived – Techmart"},
	"listing.title":         {"{title} – Techmart", "{title} – Techmart"},
	"org.title":             {"{name} – Techmart", "{name} – Techmart"},
	"org.description": {"{kind}{place}: tổ chức đã được Sở Khoa học và Công nghệ xác minh trên Techmart, chợ công nghệ – thiết bị {province}.",
		"{kind}{place}: an organisation verified by the Department of Science and Technology on Techmart, the technology and equipment market of {province}."},
	"program.title":  {"{name} – Techmart", "{name} – Techmart"},
	"department":     {"Sở Khoa học và Công nghệ {province}", "{province} Department of Science and Technology"},
	"feed.listings":  {"Tin mới trên Techmart – {province}", "New listings on Techmart – {province}"},
	"feed.programs":  {"Chương trình hỗ trợ đổi mới công nghệ – Techmart {province}", "Technology innovation support programmes – Techmart {province}"},
	"program.window": {"Nhận hồ sơ từ {opens} đến {closes}.", "Applications from {opens} to {closes}."},
	"program.kicker": {"Chương trình hỗ trợ", "Support programme"},
	"verified":       {"Đã được Sở Khoa học và Công nghệ {province} xác minh", "Verified by the {province} Department of Science and Technology"},

	"events.title":       {"Sự kiện: chợ công nghệ, techmart trực tuyến, kết nối B2B – Techmart", "Events: technology fairs, online techmarts, B2B matchmaking – Techmart"},
	"events.description": {"Chợ công nghệ và thiết bị, techmart trực tuyến, ngày kết nối doanh nghiệp và trình diễn kỹ thuật do Sở Khoa học và Công nghệ {province} tổ chức: đăng ký gian hàng, mang nhu cầu công nghệ, hẹn gặp đối tác.", "Technology and equipment fairs, online techmarts, matchmaking and demonstration days run by the {province} Department of Science and Technology: book a booth, bring your technology needs, meet partners."},
	"task.title":         {"{title} – Nhiệm vụ KH&CN đặt hàng – Techmart", "{title} – Commissioned S&T task – Techmart"},
	"task.description":   {"Nhiệm vụ khoa học và công nghệ cấp tỉnh {code} do Sở Khoa học và Công nghệ {province} đặt hàng. Sản phẩm: {products}.", "Provincial S&T task {code} commissioned by the {province} Department of Science and Technology. Products: {products}."},
	"task.call":          {"Tuyển chọn tổ chức chủ trì nhiệm vụ KH&CN {code} của tỉnh {province}, nhận hồ sơ đến {closes}. Sản phẩm: {products}.", "Call for the organisation to carry out the {province} S&T task {code}; dossiers until {closes}. Products: {products}."},
	"event.title":        {"{name} – Techmart", "{name} – Techmart"},
	"event.when":         {"Từ {start} đến {end}, {where}.", "From {start} to {end}, {where}."},
}

var listingKinds = map[string]text{
	"technology": {"Công nghệ", "Technology"},
	"equipment":  {"Thiết bị", "Equipment"},
	"ip":         {"Tài sản trí tuệ", "Intellectual property"},
	"demand":     {"Nhu cầu công nghệ", "Technology need"},
}

var orgKinds = map[string]text{
	"institute":  {"Viện nghiên cứu", "Research institute"},
	"university": {"Trường đại học/cao đẳng", "University or college"},
	"st_org":     {"Tổ chức KH&CN công lập", "Public S&T organisation"},
	"enterprise": {"Doanh nghiệp", "Enterprise"},
	"individual": {"Cá nhân/nhà sáng chế", "Individual or inventor"},
	"department": {"Cơ quan quản lý nhà nước", "Government department"},
	"agency":     {"Sở, ngành, UBND xã/phường", "Provincial agency (Sở, Ngành, commune)"},
}

// fill replaces {name} placeholders with values given as name, value pairs.
func fill(s string, kv ...string) string {
	for i := 0; i+1 < len(kv); i += 2 {
		s = strings.ReplaceAll(s, "{"+kv[i]+"}", kv[i+1])
	}
	return s
}
