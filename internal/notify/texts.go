package notify

import (
	"strconv"
	"strings"

	"github.com/techmart-vn/techmart/internal/taxonomy"
	"github.com/techmart-vn/techmart/internal/vnd"
)

type text struct{ vi, en string }

// texts are the notification sentences; {name} is replaced by a parameter.
// A decision's sentence depends on the state it reached.
var texts = map[string]text{
	KindMatch:         {"Gợi ý mới cho tin “{listing}”: “{match}” ({score}/100).", "New match for “{listing}”: “{match}” ({score}/100)."},
	KindMatchDigest:   {"Gợi ý kết nối ngày {day}: {count} gợi ý mới cho tin của tổ chức bạn, mới nhất “{match}” cho “{listing}”.", "Match suggestions of {day}: {count} new for your organisation's listings, the latest “{match}” for “{listing}”."},
	KindMatchProposed: {"Sở KH&CN đề xuất kết nối “{listing}” với “{match}”.", "The department proposes connecting “{listing}” with “{match}”."},
	KindInterest:      {"{org} quan tâm đến tin “{listing}”.", "{org} is interested in “{listing}”."},
	KindMessage:       {"{author} nhắn trong kết nối về “{listing}”: {excerpt}", "{author} wrote in the connection about “{listing}”: {excerpt}"},
	KindTransfer:      {"Đã ghi nhận chuyển giao công nghệ “{title}” (hợp đồng ký ngày {signedOn}).", "Technology transfer “{title}” recorded (contract signed on {signedOn})."},
	KindRegistrationDue: {"Hợp đồng chuyển giao “{title}” phải đăng ký trước ngày {dueOn}.",
		"The transfer contract “{title}” must be registered by {dueOn}."},
	KindNudge:                 {"Kết nối về “{listing}” đã 30 ngày chưa có trao đổi. Hai bên còn tiếp tục không?", "The connection about “{listing}” has been quiet for 30 days. Is it still going?"},
	"decision.accepted":       {"{org} đã chấp nhận quan tâm của bạn về “{listing}”. Hai bên có thể trao đổi ngay.", "{org} accepted your interest in “{listing}”. You can talk now."},
	"decision.declined":       {"{org} đã từ chối quan tâm về “{listing}”. Lý do: {reason}.", "{org} declined the interest in “{listing}”. Reason: {reason}."},
	"decision.negotiating":    {"Kết nối về “{listing}” đã chuyển sang đàm phán.", "The connection about “{listing}” is now negotiating."},
	"decision.agreed":         {"Kết nối về “{listing}” đã đạt thỏa thuận.", "The connection about “{listing}” reached an agreement."},
	"decision.closed_no_deal": {"Kết nối về “{listing}” đã kết thúc, không thành.", "The connection about “{listing}” closed without a deal."},

	"support.submitted":           {"{org} đã nộp hồ sơ “{title}” vào chương trình “{program}”.", "{org} submitted “{title}” to the programme “{program}”."},
	"support.returned":            {"Hồ sơ “{title}” được trả lại để bổ sung: {reason}", "The application “{title}” was returned for revision: {reason}"},
	"support.reviewer_assigned":   {"Bạn được phân công thẩm định hồ sơ “{title}” của {org}.", "You are asked to appraise “{title}” by {org}."},
	"support.reviewer_unassigned": {"Bạn không còn được phân công thẩm định hồ sơ “{title}” của {org}.", "You are no longer asked to appraise “{title}” by {org}."},
	"support.reviewer_recused": {"{reviewer} xin rút khỏi thẩm định hồ sơ “{title}” do xung đột lợi ích. Cần phân công người khác.",
		"{reviewer} stepped aside from appraising “{title}” (conflict of interest). Assign someone else."},
	"support.appraisal_complete":   {"Hồ sơ “{title}” đã đủ điểm thẩm định, chờ quyết định.", "Every reviewer has scored “{title}”; it awaits a decision."},
	"support.approved":             {"Hồ sơ “{title}” được phê duyệt hỗ trợ {amount} đồng.", "The application “{title}” was approved: {amount} VND of support."},
	"support.rejected":             {"Hồ sơ “{title}” không được phê duyệt. Lý do: {reason}", "The application “{title}” was not approved. Reason: {reason}"},
	"support.agreement_signed":     {"Đã ký hợp đồng hỗ trợ số {number} cho hồ sơ “{title}”.", "Support agreement no. {number} signed for “{title}”."},
	"support.disbursed":            {"Đã giải ngân {amount} đồng cho “{title}” ngày {on}.", "{amount} VND paid for “{title}” on {on}."},
	"support.acceptance_requested": {"{org} đề nghị nghiệm thu dự án “{title}”.", "{org} asks for acceptance of the project “{title}”."},
	"support.accepted":             {"Dự án “{title}” đã được nghiệm thu đạt.", "The project “{title}” has been accepted."},
	"support.not_accepted":         {"Dự án “{title}” không đạt nghiệm thu.", "The project “{title}” was not accepted."},
	"support.closed":               {"Hồ sơ “{title}” đã kết thúc.", "The file of “{title}” is closed."},

	"event_meeting.requested":     {"{org} mời tổ chức bạn gặp gỡ kết nối tại “{event}”.", "{org} asks your organisation for a meeting at “{event}”."},
	"event_meeting.accepted":      {"{org} đã nhận lời gặp tại “{event}”.", "{org} accepted the meeting at “{event}”."},
	"event_meeting.declined":      {"{org} đã từ chối cuộc gặp tại “{event}”. {reason}", "{org} declined the meeting at “{event}”. {reason}"},
	"event_meeting.cancelled":     {"{org} đã hủy cuộc gặp tại “{event}”. {reason}", "{org} cancelled the meeting at “{event}”. {reason}"},
	"event_meeting.deal_mou":      {"{org} đã ghi nhận biên bản ghi nhớ với tổ chức bạn tại “{event}”.", "{org} recorded an MoU with your organisation at “{event}”."},
	"event_meeting.deal_contract": {"{org} đã ghi nhận hợp đồng với tổ chức bạn tại “{event}”.", "{org} recorded a contract with your organisation at “{event}”."},
	"event.approved":              {"Đăng ký của {org} tham gia “{name}” đã được duyệt.", "{org}'s registration for “{name}” was approved."},
	"event.booth":                 {"Đăng ký của {org} tham gia “{name}” đã được duyệt: gian hàng {booth}.", "{org}'s registration for “{name}” was approved: booth {booth}."},
	"event.waitlisted":            {"Gian hàng của “{name}” đã hết: {org} được đưa vào danh sách chờ và sẽ được xếp gian khi có chỗ.", "The booths of “{name}” are taken: {org} is on the waiting list and gets a booth when one frees."},
	"event.rejected":              {"Đăng ký của {org} tham gia “{name}” không được chấp nhận. Lý do: {reason}", "{org}'s registration for “{name}” was refused. Reason: {reason}"},
	"event.cancelled":             {"Sự kiện “{name}” đã bị hủy. Lý do: {reason}", "The event “{name}” was cancelled. Reason: {reason}"},

	"task.proposed_from_need": {"{org} đã đề xuất đặt hàng nhiệm vụ KH&CN “{title}” từ nhu cầu công nghệ của tổ chức bạn.", "{org} proposed the S&T task “{title}” from your organisation's technology need."},
	"task.council_assigned": {"Bạn được phân công vào hội đồng tư vấn xác định nhiệm vụ KH&CN “{round}”: mời khai báo xung đột lợi ích và chấm điểm các đề xuất.",
		"You are on the advisory council of the identification round “{round}”: declare any conflict of interest and score the proposals."},
	"task.proposal_approved": {"Đề xuất “{title}” được đưa vào danh mục nhiệm vụ KH&CN đặt hàng (Quyết định số {number} ngày {date}).",
		"The proposal “{title}” is on the list of commissioned S&T tasks (decision no. {number} of {date})."},
	"task.proposal_not_approved": {"Đề xuất “{title}” không được đưa vào danh mục nhiệm vụ KH&CN đặt hàng (Quyết định số {number} ngày {date}).",
		"The proposal “{title}” is not on the list of commissioned S&T tasks (decision no. {number} of {date})."},

	"report.submitted": {"{agency} đã gửi báo cáo năm {year} thực hiện kế hoạch {plan}.", "{agency} submitted its {year} report on plan {plan}."},
	"report.returned":  {"Báo cáo năm {year} về kế hoạch {plan} được trả lại để bổ sung: {reason}", "The {year} report on plan {plan} was returned for revision: {reason}"},
	"report.accepted":  {"Báo cáo năm {year} về kế hoạch {plan} đã được Sở KH&CN tiếp nhận.", "The department accepted the {year} report on plan {plan}."},
	"report.due":       {"Còn {days} ngày đến hạn gửi báo cáo năm {year} về kế hoạch {plan} (hạn {dueOn}).", "{days} day(s) left to send the {year} report on plan {plan} (due {dueOn})."},

	// Commissioned S&T tasks: the selection.
	"task.assigned":                   {"Tổ chức của bạn được giao trực tiếp chủ trì nhiệm vụ {code} “{title}”: hãy lập và nộp hồ sơ.", "Your organisation is directly assigned the task {code} “{title}”: prepare and submit its dossier."},
	"task.dossier_submitted":          {"{org} đã nộp hồ sơ đăng ký chủ trì nhiệm vụ {code} “{title}”.", "{org} submitted a dossier for the task {code} “{title}”."},
	"task.selection_council_assigned": {"Bạn được mời vào hội đồng tuyển chọn nhiệm vụ {code} “{title}”: hãy khai báo xung đột lợi ích và chấm điểm hồ sơ.", "You sit on the selection council of the task {code} “{title}”: declare any conflict of interest and score the dossiers."},
	"task.council_removed":            {"Bạn không còn trong hội đồng tuyển chọn nhiệm vụ {code} “{title}”.", "You no longer sit on the selection council of the task {code} “{title}”."},
	"task.reviewer_recused":           {"{reviewer} xin rút khỏi hội đồng tuyển chọn nhiệm vụ {code} do xung đột lợi ích. Cần phân công người khác.", "{reviewer} stepped aside from the selection council of the task {code} (conflict of interest). Assign someone else."},
	"task.council_complete":           {"Hội đồng đã chấm xong các hồ sơ của nhiệm vụ {code} “{title}”: chờ chọn tổ chức chủ trì.", "The council has scored every dossier of the task {code} “{title}”: choose the performer."},
	"task.selected":                   {"Hồ sơ của {org} được chọn chủ trì nhiệm vụ {code} “{title}”.", "The dossier of {org} was selected to perform the task {code} “{title}”."},
	"task.not_selected":               {"Hồ sơ của {org} không được chọn cho nhiệm vụ {code} “{title}”; tổ chức chủ trì: {performer}.", "The dossier of {org} was not selected for the task {code} “{title}”; the performer is {performer}."},
	"task.appraised":                  {"Kinh phí nhiệm vụ {code} “{title}” đã được thẩm định: {amount} đồng từ ngân sách nhà nước.", "The budget of the task {code} “{title}” was appraised: {amount} VND from the state budget."},
	"task.decided":                    {"Đã có quyết định phê duyệt số {number} cho nhiệm vụ {code} “{title}”.", "Decision no. {number} approves the task {code} “{title}”."},
	// Commissioned S&T tasks: the contract to the results.
	"task.contracted":                  {"Đã ký hợp đồng số {number} thực hiện nhiệm vụ “{title}”.", "Contract no. {number} signed for the task “{title}”."},
	"task.disbursed":                   {"Đã cấp {amount} đồng cho nhiệm vụ “{title}” ngày {on}.", "{amount} VND paid for the task “{title}” on {on}."},
	"task.reported":                    {"{org} đã gửi báo cáo tiến độ “{milestone}” của nhiệm vụ “{title}”.", "{org} sent a progress report on “{milestone}” for the task “{title}”."},
	"task.inspected":                   {"Sở KH&CN đã kiểm tra nhiệm vụ “{title}” ngày {on}.", "The department inspected the task “{title}” on {on}."},
	"task.extended":                    {"Hợp đồng nhiệm vụ “{title}” được gia hạn đến ngày {ends}.", "The contract of the task “{title}” was extended to {ends}."},
	"task.acceptance_requested":        {"{org} đề nghị nghiệm thu nhiệm vụ “{title}”.", "{org} asks for the acceptance of the task “{title}”."},
	"task.acceptance_council_assigned": {"Bạn được mời tham gia hội đồng nghiệm thu nhiệm vụ “{title}”.", "You are asked to sit on the acceptance council of the task “{title}”."},
	"task.acceptance_council_recused": {"{member} xin rút khỏi hội đồng nghiệm thu nhiệm vụ “{title}” do xung đột lợi ích. Cần phân công người khác.",
		"{member} stepped aside from the acceptance council of “{title}” (conflict of interest). Assign someone else."},
	"task.acceptance_council_complete": {"Hội đồng nghiệm thu nhiệm vụ “{title}” đã đánh giá đủ, chờ ghi nhận kết luận.", "Every member of the acceptance council of “{title}” has graded; the conclusion awaits."},
	"task.accepted":                    {"Nhiệm vụ “{title}” đã được nghiệm thu.", "The task “{title}” has been accepted."},
	"task.failed":                      {"Nhiệm vụ “{title}” không đạt nghiệm thu.", "The task “{title}” was not accepted."},
	"task.registered":                  {"Kết quả nhiệm vụ “{title}” đã được đăng ký, số {number}.", "The results of the task “{title}” were registered, no. {number}."},
	"task.listing_drafted":             {"Bản nháp tin chào bán kết quả nhiệm vụ “{title}” đã được tạo; hãy hoàn thiện và gửi duyệt.", "A draft offer of the results of the task “{title}” was created; complete it and submit it."},
	"task.published": {"Kết quả nhiệm vụ “{title}”, đặt hàng từ nhu cầu “{need}” của tổ chức bạn, đã được đưa lên sàn.",
		"The results of the task “{title}”, commissioned from your need “{need}”, are now on the market."},

	// The scheduler's run; the meetings step has the other steps.
	"event_meeting.scheduled": {"Lịch gặp B2B tại “{event}” đã được xếp: {count} cuộc gặp của tổ chức bạn có giờ và bàn mới. Xem lịch gặp của bạn.",
		"The B2B meetings at “{event}” have been scheduled: {count} of your organisation's meetings have a new time and table. See your agenda."},
}

// Texts renders notifications with tax's labels for codes (decline reasons).
func Texts(tax *taxonomy.Taxonomy) Renderer {
	return func(kind string, params map[string]string, lang string) string {
		key := kind
		switch kind {
		case KindDecision:
			key = kind + "." + params["state"]
		case KindSupport, KindReport, KindEvent, KindTask:
			key = kind + "." + params["event"]
		case KindEventMeeting:
			key = kind + "." + params["step"]
		}
		t, ok := texts[key]
		if !ok {
			return kind
		}
		s := t.vi
		if lang == "en" {
			s = t.en
		}
		for k, v := range params {
			if k == "amount" {
				if n, err := strconv.ParseInt(v, 10, 64); err == nil {
					v = vnd.Group(n, lang)
				}
			}
			if k == "reason" && kind == KindDecision {
				v = taxonomy.Label(tax.DeclineReasons, v, lang)
				if c := params["comment"]; c != "" {
					v += " – " + c
				}
			}
			s = strings.ReplaceAll(s, "{"+k+"}", v)
		}
		return s
	}
}
