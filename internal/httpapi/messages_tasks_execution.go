package httpapi

// Texts of the execution of commissioned tasks (contract, tranches,
// reports, inspections, extensions, acceptance, registration), merged
// into the tables at start.
var (
	executionProblemTitles = map[string]text{
		"task_not_found":                {"Không tìm thấy nhiệm vụ KH&CN.", "S&T task not found."},
		"contract_not_found":            {"Nhiệm vụ chưa có hợp đồng.", "The task has no contract yet."},
		"contract_above_budget":         {"Giá trị hợp đồng không thể vượt kinh phí đã thẩm định của nhiệm vụ.", "The contract amount cannot exceed the task's appraised budget."},
		"task_already_published":        {"Kết quả nhiệm vụ đã được đưa lên sàn.", "The task's results are already on the market."},
		"acceptance_council_incomplete": {"Hội đồng nghiệm thu chưa đủ thành viên hoặc chưa đánh giá đủ.", "The acceptance council is not complete, or not every member has graded."},
		"grade_against_rule":            {"Kết luận không khớp với đánh giá của các thành viên hội đồng theo quy tắc đã đặt.", "The conclusion does not match the members' grades under the task's rule."},
		"progress_report_not_found":     {"Không tìm thấy báo cáo tiến độ.", "Progress report not found."},
		"too_many_report_files":         {"Báo cáo tiến độ đã có đủ số tệp cho phép.", "The progress report has as many files as allowed."},
		"not_on_council":                {"Bạn không phải là thành viên hội đồng nghiệm thu của nhiệm vụ này.", "You do not sit on this task's acceptance council."},
	}
	executionFieldMessages = map[string]text{
		"above_task_budget":     {"Giá trị hợp đồng không thể vượt kinh phí đã thẩm định ({max} đồng).", "The contract amount cannot exceed the appraised budget ({max} VND)."},
		"tranches_above_amount": {"Tổng các đợt cấp kinh phí không thể vượt giá trị hợp đồng ({max} đồng).", "The tranches cannot add up to more than the contract amount ({max} VND)."},
		"outside_contract":      {"Hạn của mốc phải nằm trong thời gian thực hiện hợp đồng.", "A milestone's due date must fall within the contract's dates."},
		"before_previous":       {"Các mốc phải theo thứ tự thời gian.", "Milestones must be in date order."},
		"not_after":             {"Ngày kết thúc phải sau ngày bắt đầu.", "The end date must be after the start date."},
		"before_contract":       {"Ngày này không thể trước ngày ký hợp đồng.", "This day cannot be before the contract was signed."},
		"not_later":             {"Ngày kết thúc mới phải sau ngày kết thúc hiện tại ({current}).", "The new end date must be after the current one ({current})."},
		"not_positive":          {"Số tiền phải lớn hơn 0.", "The amount must be more than zero."},
		"negative":              {"Số tiền không thể âm.", "The amount cannot be negative."},
	}
)

func init() {
	for k, v := range executionProblemTitles {
		problemTitles[k] = v
	}
	for k, v := range executionFieldMessages {
		fieldMessages[k] = v
	}
}
