package httpapi

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/techmart-vn/techmart/internal/vnd"
)

// text is one message in both languages.
type text struct{ vi, en string }

func (t text) in(lang string) string {
	if lang == "en" {
		return t.en
	}
	return t.vi
}

// problemTitles are the people-facing titles of error codes, the only ones:
// the SPA shows them as they come (it asks in its UI language). A test walks
// the source and fails for a code emitted anywhere without a title here (or a
// field code without a message in fieldMessages).
var problemTitles = map[string]text{
	"malformed_json":         {"Nội dung yêu cầu không phải JSON hợp lệ.", "The request body is not valid JSON."},
	"validation_failed":      {"Một số trường chưa hợp lệ.", "Some fields are not valid."},
	"unauthenticated":        {"Bạn cần đăng nhập.", "You need to log in."},
	"invalid_credentials":    {"Email hoặc mật khẩu không đúng.", "Wrong e-mail or password."},
	"invalid_refresh_token":  {"Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại.", "Your session has ended; please log in again."},
	"forbidden":              {"Bạn không có quyền thực hiện thao tác này.", "You are not allowed to do this."},
	"not_found":              {"Không tìm thấy.", "Not found."},
	"route_not_found":        {"Không có địa chỉ API này.", "There is no such API route."},
	"method_not_allowed":     {"Địa chỉ này không nhận phương thức này (xem tiêu đề Allow).", "This address does not take this method (see the Allow header)."},
	"header_too_large":       {"Phần tiêu đề của yêu cầu quá lớn (tối đa 16 KB).", "The request's header fields are too large (16 KB at most)."},
	"url_too_long":           {"Địa chỉ yêu cầu quá dài (tối đa 8 KB).", "The request's address is too long (8 KB at most)."},
	"request_timeout":        {"Yêu cầu đến quá chậm; vui lòng thử lại.", "The request arrived too slowly; please try again."},
	"malformed_request":      {"Yêu cầu HTTP không đúng định dạng.", "The HTTP request is malformed."},
	"malformed_multipart":    {"Nội dung tải lên (multipart/form-data) bị hỏng hoặc không đọc được.", "The upload (multipart/form-data) is damaged or cannot be read."},
	"backups_off":            {"Chưa bật sao lưu: đặt TECHMART_BACKUP_DIR (chế độ nhúng); với MongoDB dùng mongodump.", "Backups are off: set TECHMART_BACKUP_DIR (embedded mode); on MongoDB use mongodump."},
	"backup_running":         {"Một bản sao lưu hoặc xuất dữ liệu đang chạy; thử lại sau ít phút.", "A backup or export is already running; try again in a few minutes."},
	"organization_not_found": {"Không tìm thấy tổ chức.", "Organisation not found."},
	"user_not_found":         {"Không tìm thấy người dùng.", "User not found."},
	"invitation_not_found":   {"Lời mời không tồn tại hoặc đã hết hạn.", "The invitation does not exist or has expired."},
	"conflict":               {"Xung đột dữ liệu.", "Conflict."},
	"busy":                   {"Dữ liệu đang được nhiều người cập nhật cùng lúc; hãy thử lại.", "Many people are changing this at once; please try again."},
	"email_taken":            {"Email này đã được đăng ký.", "This e-mail is already registered."},
	"already_member":         {"Người này đã là thành viên.", "This person is already a member."},
	"last_admin":             {"Nền tảng phải luôn còn ít nhất một quản trị viên.", "The platform must keep at least one administrator."},
	"own_organization":       {"Bạn không thể quyết định về tổ chức mà mình là thành viên.", "You cannot decide on an organisation you belong to."},
	"listing_not_found":      {"Không tìm thấy tin.", "Listing not found."},
	"listing_under_review":   {"Tin đang chờ duyệt nên chưa thể sửa.", "The listing is being reviewed and cannot change now."},
	"org_not_verified":       {"Tổ chức của bạn cần được Sở xác minh trước khi gửi tin.", "Your organisation must be verified by the department before it submits listings."},
	"search_unavailable":     {"Tìm kiếm tạm thời không sẵn sàng; vui lòng thử lại sau.", "Search is temporarily unavailable; please try again shortly."},
	"file_not_found":         {"Không tìm thấy tệp.", "File not found."},
	"file_too_large":         {"Tệp quá lớn: ảnh tối đa 5 MiB, PDF tối đa 10 MiB.", "The file is too large: images up to 5 MiB, PDFs up to 10 MiB."},
	"last_owner":             {"Không thể gỡ chủ sở hữu cuối cùng của tổ chức.", "The last owner of an organisation cannot be removed."},
	"invalid_transition":     {"Không thể chuyển sang trạng thái này từ trạng thái hiện tại.", "This change is not possible from the current state."},
	"certificate_not_found":  {"Tổ chức chưa có bản chụp giấy chứng nhận này.", "The organisation has no such certificate scan."},
	"verified_locked":        {"Tổ chức đã xác minh không thể tự sửa thông tin; hãy liên hệ Sở.", "A verified organisation cannot change these details itself; contact the department."},
	"version_mismatch":       {"Dữ liệu đã được người khác thay đổi; hãy tải lại.", "Someone else changed this meanwhile; reload it."},
	"body_too_large":         {"Nội dung yêu cầu quá lớn.", "The request body is too large."},
	"unsupported_encoding":   {"Không chấp nhận nội dung nén (Content-Encoding). Hãy gửi JSON thường.", "Compressed request bodies (Content-Encoding) are not accepted. Send plain JSON."},
	"rate_limited":           {"Quá nhiều lần thử.", "Too many attempts."},
	"internal":               {"Đã có lỗi hệ thống. Vui lòng thử lại.", "Something went wrong on our side. Please try again."},
	"unavailable":            {"Dịch vụ tạm thời không sẵn sàng.", "The service is temporarily unavailable."},
	"connection_not_found":   {"Không tìm thấy kết nối.", "Connection not found."},
	"interest_exists":        {"Tổ chức của bạn đã bày tỏ quan tâm đến tin này và đang chờ trả lời.", "Your organisation has already expressed interest in this listing and awaits an answer."},
	"listing_not_published":  {"Tin này không còn đăng nên không thể bày tỏ quan tâm.", "This listing is no longer published, so interest cannot be expressed."},
	"thread_closed":          {"Kết nối đã kết thúc hoặc chưa được chấp nhận nên không thể nhắn tin.", "The connection is over or not yet accepted, so no messages can be written."},
	"department_not_party":   {"Sở KH&CN làm đầu mối kết nối (đề xuất kết nối), không bày tỏ quan tâm như một bên.", "The department brokers connections (by proposing matches); it does not express interest as a party."},
	"thread_full":            {"Cuộc trao đổi đã đủ 1.000 tin nhắn; hãy tiếp tục qua email hoặc điện thoại.", "This conversation has reached 1,000 messages; continue by e-mail or phone."},
	"program_not_found":      {"Không tìm thấy chương trình hỗ trợ.", "Support programme not found."},
	"plan_not_found":         {"Không tìm thấy kế hoạch.", "Plan not found."},
	"report_not_found":       {"Không tìm thấy báo cáo.", "Report not found."},
	"period_not_open":        {"Kỳ báo cáo năm này chưa được Sở KH&CN mở hoặc chưa đến ngày nhận báo cáo.", "The department has not opened this reporting year, or reports are not accepted yet."},
	"not_a_reporting_agency": {"Tổ chức của bạn không phải cơ quan báo cáo của kế hoạch này.", "Your organisation does not report on this plan."},
	"synonym_not_found":      {"Không tìm thấy quy tắc từ đồng nghĩa.", "Synonym rule not found."},
	"application_not_found":  {"Không tìm thấy hồ sơ đề nghị hỗ trợ.", "Application not found."},
	"window_closed":          {"Chương trình không trong thời gian nhận hồ sơ.", "The programme is not accepting applications now."},
	"not_eligible":           {"Tổ chức của bạn không thuộc đối tượng của chương trình (hoặc chưa được Sở xác minh).", "Your organisation is not eligible for this programme (or not yet verified)."},
	"budget_exceeded":        {"Kinh phí còn lại của chương trình không đủ cho mức hỗ trợ này.", "The programme's remaining budget does not cover this amount."},
	"above_approved":         {"Tổng các đợt cấp kinh phí sẽ vượt số đã phê duyệt.", "The tranches would add up to more than the approved amount."},
	"match_exists":           {"Cặp kết nối này đã được đề xuất.", "This pair has already been proposed."},
	"transfer_not_found":     {"Không tìm thấy hồ sơ chuyển giao.", "Transfer not found."},
	"transfer_exists":        {"Kết nối này đã có hồ sơ chuyển giao.", "This connection already has its transfer recorded."},
	"appraisal_incomplete":   {"Chưa đủ chuyên gia chấm điểm hồ sơ này; chưa thể quyết định.", "Not every reviewer has scored this application yet, so it cannot be decided."},
	"not_issued":             {"Văn bản này chưa được ban hành.", "This document has not been issued yet."},
	"idempotency_key_reused": {"Khóa Idempotency-Key này đã dùng cho một yêu cầu khác; hãy dùng khóa mới cho yêu cầu mới.", "This Idempotency-Key was used for a different request; use a new key for a new request."},
	"open_application_limit": {"Tổ chức đã có đủ số hồ sơ đang xét được phép trong chương trình này; hãy chờ quyết định hoặc rút hồ sơ trước.", "Your organisation already has as many applications under consideration in this programme as it allows; wait for a decision or withdraw one first."},
	// Events: the B2B schedule and agendas.
	"meeting_settings_incomplete": {"Sự kiện chưa đủ thiết lập gặp B2B (ngày, giờ bắt đầu, thời lượng, số lượt mỗi ngày, số bàn); chưa thể xếp lịch.", "The event's B2B meeting settings (days, start time, length, slots per day, tables) are incomplete, so meetings cannot be scheduled."},
	"agenda_not_found":            {"Đăng ký này chưa được duyệt nên chưa có lịch gặp.", "This registration has not been approved, so it has no agenda."},
	"approval_limit":              {"Tổ chức này đã được phê duyệt đủ số hồ sơ được phép trong chương trình.", "This organisation has already had as many applications approved in this programme as it allows."},
}

// retryIn is a rate-limited problem's detail, from its Retry-After.
var retryIn = map[bool]text{
	false: {"Hãy thử lại sau {minutes} phút.", "Try again in {minutes} minutes."},
	true:  {"Hãy thử lại sau 1 phút.", "Try again in a minute."},
}

// retryDetail says when to come back, in whole minutes (at least one).
func retryDetail(after time.Duration, lang string) string {
	minutes := max(1, int((after+time.Minute-1)/time.Minute))
	return strings.ReplaceAll(retryIn[minutes == 1].in(lang), "{minutes}", strconv.Itoa(minutes))
}

// fieldMessages explain a field problem; {min}, {max} come from its params.
var fieldMessages = map[string]text{
	"required":                 {"Trường này là bắt buộc.", "This field is required."},
	"invalid_email":            {"Địa chỉ email không hợp lệ.", "This is not a valid e-mail address."},
	"too_short":                {"Cần ít nhất {min} ký tự.", "Use at least {min} characters."},
	"too_long":                 {"Tối đa {max} ký tự.", "Use at most {max} characters."},
	"invalid_choice":           {"Giá trị không nằm trong danh sách cho phép.", "This value is not one of the allowed choices."},
	"invalid_utf8":             {"Không phải văn bản UTF-8 hợp lệ.", "Is not valid UTF-8 text."},
	"invalid_characters":       {"Có ký tự không được phép (ví dụ < >).", "Contains characters that are not allowed (such as < >)."},
	"invisible_characters":     {"Có ký tự vô hình hoặc ký tự đảo chiều văn bản (ví dụ U+202E, U+200B); hãy gõ lại.", "Contains invisible or text-direction characters (such as U+202E, U+200B); type it again."},
	"unknown_field":            {"Trường này không được hỗ trợ.", "This field is not supported."},
	"invalid_type":             {"Kiểu dữ liệu không đúng.", "This value has the wrong type."},
	"weak_password":            {"Mật khẩu quá dễ đoán (lặp lại một đoạn, hoặc chuỗi liên tiếp như abcdefghij, 9876543210, hàng phím); hãy chọn mật khẩu khác.", "This password is too easy to guess (one part repeated, or a run such as abcdefghij, 9876543210 or a keyboard row); choose another."},
	"common_password":          {"Mật khẩu này nằm trong danh sách mật khẩu phổ biến (kể cả khi thêm số hay ký hiệu); hãy chọn mật khẩu khác, ví dụ một câu ngắn dễ nhớ.", "This password is in the list of common passwords (even with digits or symbols added); choose another, such as a short sentence you remember."},
	"password_has_email":       {"Mật khẩu không được chứa địa chỉ email của bạn.", "The password must not contain your e-mail address."},
	"password_has_name":        {"Mật khẩu không được chứa họ tên của bạn.", "The password must not contain your name."},
	"email_mismatch":           {"Lời mời này gửi tới một email khác.", "This invitation was sent to a different e-mail."},
	"email_taken":              {"Email này đã được đăng ký.", "This e-mail is already registered."},
	"already_member":           {"Người này đã là thành viên.", "This person is already a member."},
	"invalid_invitation":       {"Lời mời không tồn tại hoặc đã hết hạn.", "The invitation does not exist or has expired."},
	"not_with_organization":    {"Chỉ chọn một: tạo tổ chức mới hoặc nhận lời mời.", "Choose one: create an organisation or accept an invitation."},
	"cannot_remove_own_admin":  {"Bạn không thể tự bỏ quyền quản trị của mình.", "You cannot remove your own admin role."},
	"wrong_password":           {"Mật khẩu hiện tại không đúng.", "The current password is wrong."},
	"invalid_number":           {"Cần một số nguyên.", "A whole number is needed."},
	"out_of_range":             {"Giá trị nằm ngoài khoảng cho phép ({min}–{max}).", "The value is out of range ({min}–{max})."},
	"not_for_kind":             {"Trường này không dùng cho loại tin này.", "This field does not apply to this kind of listing."},
	"immutable":                {"Không thể thay đổi trường này sau khi tạo.", "This field cannot change after creation."},
	"not_a_member":             {"Bạn không thuộc tổ chức này.", "You do not belong to this organisation."},
	"not_in_future":            {"Ngày phải ở tương lai.", "The date must be in the future."},
	"too_far":                  {"Tối đa {maxMonths} tháng kể từ hôm nay.", "At most {maxMonths} months from today."},
	"invalid_date":             {"Ngày không hợp lệ (định dạng YYYY-MM-DD).", "Not a valid date (YYYY-MM-DD)."},
	"invalid_phone":            {"Số điện thoại không hợp lệ.", "Not a valid phone number."},
	"not_for_mode":             {"Không dùng với hình thức giá này.", "Not used with this kind of price."},
	"less_than_min":            {"Giá trị tối đa phải không nhỏ hơn giá trị tối thiểu.", "The maximum must not be below the minimum."},
	"too_many":                 {"Tối đa {max} mục.", "At most {max} items."},
	"invalid_keyword":          {"Từ khoá quá dài (tối đa 40 ký tự) hoặc có ký tự không hợp lệ.", "A keyword is too long (40 characters at most) or has characters that are not allowed."},
	"unsupported_file_type":    {"Chỉ nhận ảnh JPEG, PNG, WebP hoặc tệp PDF.", "Only JPEG, PNG or WebP images and PDF files are accepted."},
	"invalid_image":            {"Tệp ảnh bị hỏng hoặc không đọc được.", "The image is damaged or cannot be read."},
	"image_too_large":          {"Ảnh {width}×{height} điểm ảnh cần {needMiB} MiB bộ nhớ để xử lý, vượt mức {maxMiB} MiB. Hãy thu nhỏ ảnh (ví dụ ảnh màu 8 bit, dưới 24 megapixel) rồi thử lại.", "An image of {width}×{height} pixels needs {needMiB} MiB of memory to process, above the {maxMiB} MiB allowed. Scale it down (for example 8-bit colour, under 24 megapixels) and try again."},
	"not_a_published_need":     {"Cần chọn một tin nhu cầu đang đăng.", "Choose a published need."},
	"not_a_published_offer":    {"Cần chọn một tin chào bán (công nghệ, thiết bị, tài sản trí tuệ) đang đăng.", "Choose a published offer (technology, equipment, IP)."},
	"same_organization":        {"Hai bên phải là hai tổ chức khác nhau.", "The two sides must be different organisations."},
	"not_agreed":               {"Kết nối chưa đạt thỏa thuận.", "The connection has not reached an agreement."},
	"not_found":                {"Không tìm thấy.", "Not found."},
	"in_future":                {"Ngày không thể ở tương lai.", "The date cannot be in the future."},
	"before_signing":           {"Ngày này không thể trước ngày ký hợp đồng.", "This date cannot be before the contract was signed."},
	"before_from":              {"Ngày kết thúc phải sau ngày bắt đầu.", "The end date must be after the start date."},
	"before_opening":           {"Ngày kết thúc nhận hồ sơ phải sau ngày bắt đầu.", "The closing day must not be before the opening day."},
	"above_budget":             {"Mức hỗ trợ tối đa cho một hồ sơ không thể lớn hơn tổng kinh phí.", "The cap per application cannot exceed the total budget."},
	"weights_not_100":          {"Tổng trọng số các tiêu chí phải bằng 100 (hiện là {sum}).", "The criteria weights must add up to 100 (now {sum})."},
	"below_committed":          {"Tổng kinh phí không thể thấp hơn số đã cam kết ({committed} đồng).", "The budget cannot fall below what is committed ({committed} VND)."},
	"before_start":             {"Ngày kết thúc phải sau ngày bắt đầu.", "The end date must not be before the start date."},
	"above_cap":                {"Vượt mức hỗ trợ tối đa cho một hồ sơ ({max} đồng).", "Above the programme's cap per application ({max} VND)."},
	"above_share":              {"Vượt tỷ lệ hỗ trợ tối đa {percent}% tổng kinh phí (tối đa {max} đồng).", "Above the maximum share of {percent}% of the total cost (at most {max} VND)."},
	"does_not_add_up":          {"Kinh phí đề nghị cộng vốn đối ứng phải bằng tổng kinh phí (đối ứng cần {expected} đồng).", "Requested amount plus own contribution must equal the total cost (own contribution should be {expected} VND)."},
	"before_filing":            {"Ngày cấp không thể trước ngày nộp đơn.", "The grant date cannot be before the filing date."},
	"one_of":                   {"Chỉ chọn một: chuyển giao đã ghi nhận hoặc tin công nghệ.", "Choose one: a recorded transfer or a listing."},
	"not_a_party":              {"Tổ chức của bạn không phải là một bên của chuyển giao này.", "Your organisation is not a party to this transfer."},
	"required_below_pass_mark": {"Điểm bình quân {mean} thấp hơn điểm đạt {passMark}: cần ghi lý do phê duyệt.", "The mean score {mean} is below the pass mark {passMark}: give the reason for approving."},
	"before_decision":          {"Ngày ký không thể trước ngày quyết định.", "The signing date cannot be before the decision."},
	"cannot_remove_scored":     {"Không thể thay chuyên gia đã chấm điểm ({reviewer}).", "A reviewer who has scored cannot be replaced ({reviewer})."},
	"count":                    {"Cần đúng {expected} chuyên gia thẩm định.", "Exactly {expected} reviewers are needed."},
	"conflict_of_interest":     {"Chuyên gia này có xung đột lợi ích với hồ sơ (cùng tổ chức với bên đề nghị hoặc bên cung cấp công nghệ, hoặc đã tự khai báo).", "This reviewer has a conflict of interest (from the applicant's or the supplier's organisation, or declared one)."},
	"not_a_reviewer":           {"Người này không có vai trò chuyên gia thẩm định.", "This person does not hold the reviewer role."},
	"duplicate":                {"Trùng lặp.", "Listed twice."},
	"unknown_agency":           {"Không có cơ quan này trong kế hoạch.", "The plan names no such agency."},
	"invalid_rule":             {"Ngày bắt đầu, mở và hạn báo cáo không hợp lệ.", "The days of the reporting year are not valid."},
	"period_not_started":       {"Năm báo cáo này chưa bắt đầu.", "This reporting year has not begun."},
	"counted_figure":           {"Số liệu do nền tảng đếm, không sửa được; hãy ghi chú nếu thấy chưa đúng.", "The platform counts this figure; it cannot be changed. Add a note if you disagree."},
	"unknown_target":           {"Không có chỉ tiêu này trong báo cáo.", "The report has no such target."},
	"unknown_plan":             {"Không có kế hoạch này.", "No such plan."},
	"reused":                   {"Khóa đã dùng cho một yêu cầu khác.", "Already used for a different request."},
	"invalid_term":             {"Mỗi từ gồm 1 đến {max} chữ.", "Each term has 1 to {max} words."},
	"document_missing":         {"Chưa tải lên: hồ sơ này bắt buộc.", "Not uploaded yet: this document is required."},
}

func fieldMessage(code string, params map[string]any, lang string) string {
	t, ok := fieldMessages[code]
	if !ok {
		return code
	}
	msg := t.in(lang)
	for k, v := range params {
		msg = strings.ReplaceAll(msg, "{"+k+"}", paramText(v, lang))
	}
	return msg
}

// paramText writes a parameter into a message. Amounts (whole numbers of
// five digits or more: money, never a length or a year) get the language's
// thousands separator, 500.000.000 or 500,000,000.
func paramText(v any, lang string) string {
	var n int64
	switch v := v.(type) {
	case int:
		n = int64(v)
	case int64:
		n = v
	case float64:
		if v != math.Trunc(v) || math.Abs(v) >= 1<<53 {
			return fmt.Sprint(v)
		}
		n = int64(v)
	default:
		return fmt.Sprint(v)
	}
	if n <= -10000 || n >= 10000 {
		return vnd.Group(n, lang)
	}
	return strconv.FormatInt(n, 10)
}

// language picks vi or en from Accept-Language, Vietnamese by default.
func language(accept string) string {
	for _, part := range strings.Split(accept, ",") {
		tag, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		primary, _, _ := strings.Cut(strings.ToLower(tag), "-")
		switch primary {
		case "vi":
			return "vi"
		case "en":
			return "en"
		}
	}
	return "vi"
}
