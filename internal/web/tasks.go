package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/task"
)

// Tasks is what the site reads of commissioned S&T tasks (anonymously:
// those public from their call or assignment on).
type Tasks interface {
	Get(ctx context.Context, p *auth.Principal, id string) (task.Task, error)
}

// taskPage is a commissioned task's public page: its call while open, and
// its course after. A task the public may not read yet (on the approved
// list, before its call) is 404 like an unknown one.
func (s *Site) taskPage(ctx context.Context, r Request, id string) (Rendered, error) {
	if s.d.Tasks == nil {
		return s.notFound(r, http.StatusNotFound, "notFound.title"), nil
	}
	t, err := s.d.Tasks.Get(ctx, nil, id)
	switch {
	case notFound(err):
		return s.notFound(r, http.StatusNotFound, "notFound.title"), nil
	case err != nil:
		return Rendered{}, err
	}
	desc := s.t("task.description", r.Lang, "code", t.Code, "products", strings.TrimSuffix(strings.TrimSpace(t.Order.Products), "."))
	if t.State == task.StateCallOpen && t.Call != nil {
		desc = s.t("task.call", r.Lang, "code", t.Code, "closes", dmy(t.Call.Closes), "products", strings.TrimSuffix(strings.TrimSpace(t.Order.Products), "."))
	}
	h := s.page(r, "/tasks/"+t.ID, s.t("task.title", r.Lang, "title", t.Title), Clip(desc, 200), "website")
	return Rendered{Status: http.StatusOK, Head: h}, nil
}
