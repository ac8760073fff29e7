package httpapi

// Texts of the codes of proposals, identification rounds and the board of
// tasks, merged into the tables at start.
var (
	tasksProposalsProblemTitles = map[string]text{
		"proposal_not_found": {"Không tìm thấy đề xuất nhiệm vụ.", "Task proposal not found."},
		"round_not_found":    {"Không tìm thấy đợt xác định nhiệm vụ.", "Identification round not found."},
		"task_not_found":     {"Không tìm thấy nhiệm vụ KH&CN.", "S&T task not found."},
		"not_a_proposer":     {"Chỉ thành viên của cơ quan, xã/phường, doanh nghiệp hoặc tổ chức KH&CN đã được Sở xác minh mới đề xuất được nhiệm vụ.", "Only members of a verified agency, commune, enterprise or S&T organisation may propose a task."},
		"need_not_published": {"Chỉ đề xuất nhiệm vụ được từ một nhu cầu công nghệ đang đăng.", "A task can only be proposed from a published technology need."},
		"round_empty":        {"Đợt xác định chưa có đề xuất nào.", "The round has no proposals yet."},
		// The shared model's codes (internal/task/task.go).
		"dossier_not_found":      {"Không tìm thấy hồ sơ đăng ký thực hiện nhiệm vụ.", "Task dossier not found."},
		"contract_not_found":     {"Không tìm thấy hợp đồng thực hiện nhiệm vụ.", "Task contract not found."},
		"task_already_published": {"Kết quả nhiệm vụ đã được đăng thành tin công nghệ.", "The task's results are already published as a listing."},
		"council_not_assigned":   {"Đợt này chưa có hội đồng tư vấn chấm điểm các đề xuất.", "No advisory council has been assigned to score this round's proposals."},
		"council_incomplete":     {"Hội đồng tư vấn chưa chấm xong mọi đề xuất của đợt.", "The advisory council has not yet scored every proposal of the round."},
	}
	tasksProposalsFieldMessages = map[string]text{
		"not_submitted":   {"Đề xuất này chưa được gửi hoặc đã ở trong một đợt khác.", "This proposal has not been sent, or is already in a round."},
		"not_in_round":    {"Đề xuất này không thuộc đợt xác định.", "This proposal is not in the round."},
		"not_verified":    {"Tổ chức được giao phải là tổ chức đã được Sở xác minh.", "The assigned organisation must be verified by the department."},
		"direct_only":     {"Chỉ ghi tổ chức được giao khi giao trực tiếp.", "Name an assignee only for a direct assignment."},
		"too_few_members": {"Hội đồng cần ít nhất {min} thành viên.", "The council needs at least {min} members."},
		"scores_given":    {"Hội đồng đã chấm điểm: không sửa được tiêu chí.", "The council has scored: the criteria cannot change."},
	}
)

func init() {
	for k, v := range tasksProposalsProblemTitles {
		problemTitles[k] = v
	}
	for k, v := range tasksProposalsFieldMessages {
		fieldMessages[k] = v
	}
}
