package httpapi

// Texts of the codes of events' meetings, check-ins and deals, merged into
// the tables at start.
var (
	meetingProblemTitles = map[string]text{
		"meeting_not_found":         {"Không tìm thấy cuộc gặp.", "Meeting not found."},
		"meeting_exists":            {"Hai bên đã có một lời mời gặp đang chờ hoặc đã nhận lời.", "These two already have a meeting asked for or accepted."},
		"event_not_open":            {"Sự kiện đã kết thúc hoặc chưa công bố; không thể mời gặp nữa.", "The event is over or not published; meetings can no longer be asked for."},
		"not_registered":            {"Tổ chức của bạn chưa được duyệt tham gia sự kiện này.", "Your organisation has no approved registration for this event."},
		"event_not_started":         {"Sự kiện chưa bắt đầu.", "The event has not started yet."},
		"registration_not_approved": {"Đăng ký này chưa được duyệt.", "This registration is not approved."},
		"deal_not_found":            {"Không tìm thấy thỏa thuận.", "Deal not found."},
		"deal_not_contract":         {"Chỉ hợp đồng mới lập được hồ sơ chuyển giao; biên bản ghi nhớ thì không.", "Only a contract can become a transfer record, not an MoU."},
		"deal_transfer_exists":      {"Thỏa thuận này đã có hồ sơ chuyển giao.", "This deal already has its transfer record."},
	}
	meetingFieldMessages = map[string]text{
		"unknown_code":   {"Mã check-in không đúng hoặc không thuộc sự kiện này.", "This check-in code is wrong or belongs to another event."},
		"not_registered": {"Tổ chức này chưa được duyệt tham gia sự kiện.", "This organisation has no approved registration for the event."},
		"before_event":   {"Ngày ký không thể trước ngày khai mạc ({date}).", "The signing day cannot be before the event's first day ({date})."},
	}
)

func init() {
	for k, v := range meetingProblemTitles {
		problemTitles[k] = v
	}
	for k, v := range meetingFieldMessages {
		fieldMessages[k] = v
	}
}
