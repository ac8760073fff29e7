package seed

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/taxonomy"
)

// Vocabulary of the synthetic catalogue: the plan's products, processes and
// places, so the text has the word frequencies of the real thing (common
// syllables like "chè", "sản xuất", "công nghệ" everywhere, product names
// less often) and searches over it cost what real ones would.
var (
	products = []string{
		"chè Shan tuyết", "chè xanh", "quýt", "cam sành", "hồng không hạt", "miến dong", "tinh bột dong riềng",
		"gạo bao thai", "khoai môn", "rau an toàn", "nấm sò", "nấm linh chi", "mộc nhĩ", "giảo cổ lam", "ba kích",
		"cá tầm", "cá chép", "gà đồi", "lợn đen", "mật ong", "măng tre", "quế", "hồi", "gừng", "nghệ", "đậu tương",
		"ngô lai", "lúa nếp", "chuối tây", "mơ", "mận", "dưa chuột", "cà chua", "thức ăn chăn nuôi", "phân bón hữu cơ",
		"nước thải", "rác thải hữu cơ", "gỗ rừng trồng", "tre luồng", "dược liệu", "sữa bò", "trứng gà", "thảo quả",
	}
	processes = []string{
		"Quy trình sản xuất", "Công nghệ chế biến", "Kỹ thuật trồng", "Công nghệ bảo quản", "Dây chuyền sấy",
		"Hệ thống xử lý", "Mô hình nuôi", "Giải pháp truy xuất nguồn gốc cho", "Thiết bị đóng gói", "Công nghệ lên men",
		"Kỹ thuật nhân giống", "Máy thu hoạch", "Quy trình chiết xuất", "Công nghệ ủ", "Hệ thống tưới tiết kiệm cho",
		"Lò sấy năng lượng mặt trời cho", "Chế phẩm vi sinh cho", "Thiết bị phân loại", "Quy trình kiểm nghiệm", "Kho lạnh cho",
	}
	qualities = []string{
		"đạt chuẩn VietGAP", "theo hướng hữu cơ", "quy mô hộ gia đình", "công suất nhỏ", "tiết kiệm năng lượng",
		"giảm chi phí", "nâng cao năng suất", "an toàn thực phẩm", "thân thiện môi trường", "tự động hoá", "",
	}
	benefits = []string{
		"Giảm tỷ lệ hao hụt sau thu hoạch", "Tăng giá trị sản phẩm", "Rút ngắn thời gian chế biến", "Giữ màu sắc và hương vị",
		"Dễ vận hành, phù hợp hợp tác xã", "Chi phí đầu tư thấp", "Đáp ứng yêu cầu xuất khẩu", "Giảm sử dụng hoá chất",
		"Xử lý được phụ phẩm", "Ổn định chất lượng giữa các mẻ",
	}
)

// Synthetic writes n published listings of realistic Vietnamese text,
// spread over the verified organisations orgIDs, and returns their ids. The
// same seed value gives the same catalogue. It writes the store only; run
// the indexer (Reindex) afterwards.
func Synthetic(ctx context.Context, st *store.Store, tax *taxonomy.Taxonomy, orgIDs []string, n int, seedValue uint64, now time.Time) ([]string, error) {
	r := rand.New(rand.NewPCG(seedValue, 0x7ec4))
	sectors, forms, units := taxonomy.Codes(tax.Sectors), taxonomy.Codes(tax.TransferForms), tax.UnitCodes()
	// Zipf-like popularity: a few products dominate, as in a real market.
	zipf := rand.NewZipf(r, 1.3, 2, uint64(len(products)-1))
	pick := func(list []string) string { return list[r.IntN(len(list))] }
	ids := make([]string, 0, n)
	batch := make([]catalog.Listing, 0, 1000)
	for i := 0; i < n; i++ {
		product := products[zipf.Uint64()]
		kind := []string{catalog.KindTechnology, catalog.KindTechnology, catalog.KindEquipment, catalog.KindIP, catalog.KindDemand}[r.IntN(5)]
		title := strings.TrimSpace(fmt.Sprintf("%s %s %s", pick(processes), product, pick(qualities)))
		if kind == catalog.KindDemand {
			title = "Cần " + strings.ToLower(title[:1]) + title[1:]
		}
		published := now.Add(-time.Duration(r.IntN(330*24)) * time.Hour)
		until := published.Add(catalog.Validity)
		l := catalog.Listing{
			ID: store.NewID(), Kind: kind, State: catalog.StatePublished, OrgID: orgIDs[r.IntN(len(orgIDs))],
			Title:       title,
			Summary:     fmt.Sprintf("%s cho %s. %s, %s.", pick(processes), product, pick(benefits), strings.ToLower(pick(benefits))),
			Description: fmt.Sprintf("Giải pháp áp dụng cho %s tại các xã vùng cao. %s. %s.", product, pick(benefits), pick(benefits)),
			Sectors:     []string{pick(sectors)},
			Keywords:    []string{product, strings.ToLower(strings.Fields(pick(processes))[0])},
			AdminUnit:   pick(units),
			Images:      []string{},
			Attachments: []string{},
			Admitted:    []string{},
			CreatedBy:   "system",
			CreatedAt:   published, UpdatedAt: published, SubmittedAt: &published, PublishedAt: &published, ValidUntil: &until,
		}
		if r.IntN(3) == 0 {
			l.Sectors = append(l.Sectors, pick(sectors))
		}
		l.TransferForms = []string{pick(forms)}
		if kind == catalog.KindDemand {
			l.Problem = "Sản phẩm " + product + " chưa đáp ứng yêu cầu thị trường."
			l.Budget = &catalog.Budget{Min: int64(50+r.IntN(200)) * 1_000_000, Max: int64(300+r.IntN(900)) * 1_000_000}
		} else {
			l.TRL = 3 + r.IntN(7)
			switch r.IntN(3) {
			case 0:
				l.Price = &catalog.Price{Mode: "negotiable"}
			case 1:
				l.Price = &catalog.Price{Mode: "fixed", Min: int64(20+r.IntN(2000)) * 1_000_000}
			default:
				lo := int64(20+r.IntN(1000)) * 1_000_000
				l.Price = &catalog.Price{Mode: "range", Min: lo, Max: lo + int64(r.IntN(1000))*1_000_000}
			}
		}
		if kind == catalog.KindIP {
			l.IPType, l.IPStatus, l.Holder = pick(taxonomy.Codes(tax.IPTypes)), "granted", "Viện nghiên cứu"
		}
		batch = append(batch, l)
		ids = append(ids, l.ID)
		if len(batch) == cap(batch) || i == n-1 {
			if err := store.InsertMany(ctx, st, catalog.Collection, batch); err != nil {
				return ids, err
			}
			batch = batch[:0]
		}
	}
	return ids, nil
}
