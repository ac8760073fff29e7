package httpapi

// Texts of the selection's codes (calls, dossiers, the selection
// council, the budget appraisal, the approval decision), merged into the
// tables at start.
var (
	tasksSelectionProblemTitles = map[string]text{
		"task_not_found":           {"Không tìm thấy nhiệm vụ khoa học và công nghệ.", "S&T task not found."},
		"dossier_not_found":        {"Không tìm thấy hồ sơ đăng ký chủ trì nhiệm vụ.", "Task dossier not found."},
		"call_closed":              {"Nhiệm vụ không nhận hồ sơ lúc này (ngoài thời hạn thông báo tuyển chọn).", "The task is not taking dossiers now (outside the call's window)."},
		"not_an_st_organization":   {"Chỉ tổ chức khoa học và công nghệ (viện, trường, tổ chức KH&CN) đã được Sở xác minh mới đăng ký chủ trì nhiệm vụ.", "Only a verified S&T organisation (institute, university, S&T organisation) may apply to perform a task."},
		"dossier_exists":           {"Tổ chức này đã có hồ sơ cho nhiệm vụ này.", "This organisation already has a dossier for this task."},
		"not_the_assignee":         {"Nhiệm vụ được giao trực tiếp cho tổ chức khác.", "The task is directly assigned to another organisation."},
		"no_assignee":              {"Đặt hàng giao trực tiếp chưa ghi tổ chức được giao.", "The direct assignment names no organisation."},
		"no_dossiers":              {"Chưa có hồ sơ nào được nộp: chưa thể chuyển sang hội đồng tuyển chọn.", "No dossier has been submitted: nothing to put before the selection council."},
		"council_incomplete":       {"Hội đồng tuyển chọn chưa chấm xong tất cả hồ sơ.", "The selection council has not scored every dossier yet."},
		"dossier_not_in_selection": {"Hồ sơ này không nằm trong số hồ sơ trình hội đồng tuyển chọn của nhiệm vụ.", "This dossier is not among those before the task's selection council."},
	}
	tasksSelectionFieldMessages = map[string]text{
		"above_order":      {"Vượt thời gian đặt hàng ({max} tháng).", "Longer than the order allows ({max} months)."},
		"above_max_budget": {"Kinh phí ngân sách nhà nước vượt mức tối đa của đặt hàng ({max} đồng).", "The state budget is above the order's maximum ({max} VND)."},
		"above_requested":  {"Kinh phí duyệt không thể lớn hơn kinh phí đề nghị ({max} đồng).", "The approved amount cannot exceed the amount asked ({max} VND)."},
		"too_few":          {"Cần ít nhất {min} thành viên hội đồng.", "At least {min} council members are needed."},
		"count_lines":      {"Cần đúng {expected} dòng, theo dự toán của hồ sơ.", "Exactly {expected} lines are needed, as in the dossier's budget."},
	}
)

func init() {
	for k, v := range tasksSelectionProblemTitles {
		problemTitles[k] = v
	}
	for k, v := range tasksSelectionFieldMessages {
		fieldMessages[k] = v
	}
}
