package httpapi

// Texts of the accounts and organisations codes (password reset, tax
// codes), merged into the tables at start.
var (
	acctProblemTitles = map[string]text{
		"reset_forbidden": {"Bạn không thể cấp liên kết đặt lại mật khẩu cho tài khoản này.", "You may not issue a password-reset link for this account."},
	}
	acctFieldMessages = map[string]text{
		"invalid_reset_token":  {"Liên kết đặt lại mật khẩu không đúng, đã dùng hoặc đã hết hạn (30 phút); hãy yêu cầu liên kết mới.", "This reset link is wrong, already used or expired (30 minutes); ask for a new one."},
		"invalid_tax_code":     {"Mã số thuế gồm 10 chữ số, 13 chữ số cho chi nhánh (viết 0101234567-001), hoặc số định danh cá nhân 12 chữ số.", "A tax code has 10 digits, 13 for a branch (written 0101234567-001), or is a 12-digit personal identification number."},
		"invalid_url":          {"Địa chỉ web không hợp lệ (ví dụ https://congty.vn).", "This is not a valid web address (such as https://company.vn)."},
		"tax_code_check_digit": {"Mã số thuế sai chữ số kiểm tra (chữ số thứ 10); hãy xem lại giấy chứng nhận.", "The tax code's check digit (the 10th digit) is wrong; check the certificate."},
	}
)

func init() {
	for k, v := range acctProblemTitles {
		problemTitles[k] = v
	}
	for k, v := range acctFieldMessages {
		fieldMessages[k] = v
	}
}
