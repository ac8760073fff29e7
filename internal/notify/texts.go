package notify

import (
	"strings"

	"github.com/techmart-vn/techmart/internal/taxonomy"
)

type text struct{ vi, en string }

// texts are the notification sentences; {name} is replaced by a parameter.
// A decision's sentence depends on the state it reached.
var texts = map[string]text{
	KindMatch:         {"Gợi ý mới cho tin “{listing}”: “{match}” ({score}/100).", "New match for “{listing}”: “{match}” ({score}/100)."},
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
}

// Texts renders notifications with tax's labels for codes (decline reasons).
func Texts(tax *taxonomy.Taxonomy) Renderer {
	return func(kind string, params map[string]string, lang string) string {
		key := kind
		if kind == KindDecision {
			key = kind + "." + params["state"]
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
			if k == "reason" {
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
