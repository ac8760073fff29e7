package httpapi

// Texts of the events codes (events, registrations, booths), merged into
// the tables at start.
var (
	eventProblemTitles = map[string]text{
		"event_not_found":         {"Không tìm thấy sự kiện.", "Event not found."},
		"registration_not_found":  {"Không tìm thấy đăng ký tham gia sự kiện.", "Event registration not found."},
		"meeting_not_found":       {"Không tìm thấy cuộc gặp.", "Meeting not found."},
		"registration_closed":     {"Sự kiện không nhận đăng ký lúc này (chưa mở hoặc đã hết hạn đăng ký).", "This event is not taking registrations now (not open yet, or closed)."},
		"already_registered":      {"Tổ chức này đã đăng ký tham gia sự kiện.", "This organisation has already registered for the event."},
		"registrant_not_verified": {"Tổ chức của bạn cần được Sở xác minh trước khi đăng ký tham gia sự kiện.", "Your organisation must be verified by the department before it registers for an event."},
		"no_booth_left":           {"Loại gian hàng này đã hết; đăng ký vẫn nằm trong danh sách chờ.", "No booth of this type is left; the registration stays on the waiting list."},
	}
	eventFieldMessages = map[string]text{
		"after_event":               {"Ngày hết hạn đăng ký không thể sau ngày kết thúc sự kiện.", "Registration cannot close after the event ends."},
		"outside_event":             {"Ngày gặp gỡ phải nằm trong thời gian diễn ra sự kiện.", "A meeting day must fall within the event's dates."},
		"invalid_time":              {"Giờ không hợp lệ (viết theo dạng 08:30).", "This is not a valid time (write it as 08:30)."},
		"above_count":               {"Số gian hàng miễn phí không thể lớn hơn số gian hàng của loại này ({count}).", "The free booths cannot exceed the booths of this type ({count})."},
		"booth_in_use":              {"Gian hàng {booth} đã được giao cho một đơn vị; không thể bỏ khỏi sơ đồ.", "Booth {booth} has been given to a registrant; it cannot leave the plan."},
		"not_own_offer":             {"Chỉ chọn được tin chào bán đã đăng của tổ chức mình ({id}).", "Choose only your organisation's published offers ({id})."},
		"not_own_need":              {"Chỉ chọn được nhu cầu công nghệ đã đăng của tổ chức mình ({id}).", "Choose only your organisation's published technology needs ({id})."},
		"inventor_individual_only":  {"Gian hàng miễn phí dành cho cá nhân, nhà sáng chế, nông dân sáng tạo.", "Free booths are for individual inventors and farmer-inventors."},
		"no_free_quota":             {"Loại gian hàng này không có suất miễn phí.", "This booth type has no free booths."},
		"department_not_registrant": {"Cơ quan quản lý không đăng ký tham gia sự kiện như một đơn vị.", "A government body does not register for an event as a participant."},
	}
)

func init() {
	for k, v := range eventProblemTitles {
		problemTitles[k] = v
	}
	for k, v := range eventFieldMessages {
		fieldMessages[k] = v
	}
}
