package httpapi

import (
	"fmt"
	"mime"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/results"
	"github.com/techmart-vn/techmart/internal/statistics"
	"github.com/techmart-vn/techmart/internal/validate"
)

func (s *Server) statisticsRoutes() []route {
	return []route{
		{method: "GET", path: "/statistics", tag: "statistics", access: staff,
			summary: "The ministry's statistical forms (Circular 15/2018: 06 technology transfer, 07 S&T market and enterprises, 08 IP) for a reporting year (15/12–14/12), as JSON with the records each figure counts or as an XLSX workbook (officers)",
			query:   []string{"year", "format", "lang"}, responses: map[int]string{200: "StatisticsReport", 403: "Problem", 422: "Problem"}, handler: s.getStatistics},
		{method: "GET", path: "/public/results", tag: "statistics",
			summary:   "Public results (Kết quả thực hiện): transfers per year and sector, support per programme and year, projects accepted, events' participants and MoUs and contracts, the plan's targets; figures of fewer than 3 contracts or deals suppressed; schema " + results.Schema,
			responses: map[int]string{200: "PublicResults"}, handler: s.publicResults(false)},
		{method: "GET", path: "/public/results.json", tag: "statistics",
			summary:   "The public results as a JSON download (the same document as /public/results)",
			responses: map[int]string{200: "PublicResults"}, handler: s.publicResults(true)},
		{method: "GET", path: "/public/results.csv", tag: "statistics",
			summary:   "The public results' figures as CSV (UTF-8), one row per figure of the JSON, in its order: " + fmt.Sprint(results.CSVHeader),
			responses: map[int]string{200: ""}, handler: s.publicResultsCSV},
	}
}

func (s *Server) getStatistics(c *fiber.Ctx) error {
	var v validate.Checker
	format, lang := c.Query("format", "json"), c.Query("lang", "vi")
	v.OneOf("format", format, []string{"json", "xlsx"})
	v.OneOf("lang", lang, statistics.Languages)
	year, err := s.d.Statistics.Year(c.Query("year"))
	if err != nil {
		return err
	}
	if err := v.Err(); err != nil {
		return err
	}
	rep, err := s.d.Statistics.Report(c.UserContext(), year)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "private, no-store")
	if format == "json" {
		return c.JSON(rep)
	}
	b, err := statistics.XLSX(rep, lang)
	if err != nil {
		return err
	}
	name := fmt.Sprintf("thong-ke-khcn-%d.xlsx", year)
	if lang == "en" {
		name = fmt.Sprintf("st-statistics-%d.xlsx", year)
	}
	c.Set(fiber.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	c.Set(fiber.HeaderContentType, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	return c.Send(b)
}

// publicCache lets browsers and proxies keep the public results as long
// as the service does.
var publicCache = fmt.Sprintf("public, max-age=%d", int(results.TTL.Seconds()))

func (s *Server) publicResults(download bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		r, err := s.d.Results.Get(c.UserContext())
		if err != nil {
			return err
		}
		c.Set(fiber.HeaderCacheControl, publicCache)
		if download {
			c.Set(fiber.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": "ket-qua-thuc-hien.json"}))
		}
		return c.JSON(r)
	}
}

func (s *Server) publicResultsCSV(c *fiber.Ctx) error {
	r, err := s.d.Results.Get(c.UserContext())
	if err != nil {
		return err
	}
	b, err := results.CSV(r)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, publicCache)
	c.Set(fiber.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": "ket-qua-thuc-hien.csv"}))
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	return c.Send(b)
}
