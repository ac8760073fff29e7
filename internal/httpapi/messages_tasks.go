package httpapi

// Texts of the codes shared by the stages of commissioned S&T tasks
// (internal/task/task.go), merged into the tables at start; each stage's
// own codes live beside its routes.
var taskProblemTitles = map[string]text{
	"proposal_not_found":     {"Không tìm thấy đề xuất nhiệm vụ.", "Task proposal not found."},
	"round_not_found":        {"Không tìm thấy đợt xác định nhiệm vụ.", "Identification round not found."},
	"task_not_found":         {"Không tìm thấy nhiệm vụ.", "Task not found."},
	"dossier_not_found":      {"Không tìm thấy hồ sơ.", "Dossier not found."},
	"contract_not_found":     {"Không tìm thấy hợp đồng thực hiện nhiệm vụ.", "Task contract not found."},
	"task_already_published": {"Kết quả của nhiệm vụ này đã được đưa lên sàn.", "This task's results are already on the market."},
}

func init() {
	for k, v := range taskProblemTitles {
		problemTitles[k] = v
	}
}
