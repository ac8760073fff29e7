package httpapi_test

import (
	"encoding/json"
	"net"
	"os"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/task"
)

func TestZZShotsServer(t *testing.T) {
	if os.Getenv("SHOTS") == "" {
		t.Skip()
	}
	h := apptest.New(t)
	officer, inst := h.Demo("officer"), h.Demo("institute")
	uni := h.Login(collegeOwner, apptest.DemoPassword)
	rev, rev2 := h.Demo("reviewer"), h.Demo("reviewer2")
	me := func(tok apptest.Tokens) string {
		return h.Do(R{Method: "GET", Path: "/api/v1/me", Token: tok.Access}).JSON(t)["user"].(map[string]any)["id"].(string)
	}
	ids := map[string]string{}
	// T0: ordered (officer opens the call).
	ids["ordered"] = orderedTask(t, h, task.ModeSelection)
	// T1: call open, a draft of the institute.
	t1 := openCall(t, h)
	ids["call"] = t1
	r := h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + t1 + "/dossiers", Token: inst.Access, Body: dossierBody()})
	ids["draft"] = r.JSON(t)["id"].(string)
	// T2: selecting with a council and some scores.
	t2 := openCall(t, h)
	d1 := submittedDossier(t, h, inst.Access, t2)
	d2 := submittedDossier(t, h, uni.Access, t2)
	h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + t2 + "/close-call", Token: officer.Access})
	h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + t2 + "/council", Token: officer.Access, Body: map[string]any{"reviewerIds": []string{me(rev), me(rev2)}}})
	score(t, h, rev.Access, t2, d1, 9, 8)
	score(t, h, rev2.Access, t2, d1, 8, 8)
	score(t, h, rev2.Access, t2, d2, 6, 7)
	ids["selecting"] = t2
	// T3: all scored and selected: appraisal form.
	t3 := openCall(t, h)
	e1 := submittedDossier(t, h, inst.Access, t3)
	h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + t3 + "/close-call", Token: officer.Access})
	h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + t3 + "/council", Token: officer.Access, Body: map[string]any{"reviewerIds": []string{me(rev), me(rev2)}}})
	score(t, h, rev.Access, t3, e1, 9, 8)
	score(t, h, rev2.Access, t3, e1, 8, 8)
	selectDossier(t, h, t3, e1)
	ids["selected"] = t3
	// T4: decided.
	t4 := openCall(t, h)
	f1 := submittedDossier(t, h, inst.Access, t4)
	h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + t4 + "/close-call", Token: officer.Access})
	h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + t4 + "/council", Token: officer.Access, Body: map[string]any{"reviewerIds": []string{me(rev), me(rev2)}}})
	score(t, h, rev.Access, t4, f1, 9, 8)
	score(t, h, rev2.Access, t4, f1, 8, 8)
	selectDossier(t, h, t4, f1)
	h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + t4 + "/appraise", Token: officer.Access, Body: map[string]any{"lines": []map[string]any{{"approved": 550_000_000}, {"approved": 250_000_000}, {"approved": 200_000_000}}}})
	h.Do(R{Method: "POST", Path: "/api/v1/tasks/" + t4 + "/decide", Token: officer.Access, Body: map[string]any{"number": "125/QĐ-SKHCN", "date": vnDayFrom(h, 0)}})
	ids["decided"] = t4
	srv := h.App.Server(os.DirFS("../../frontend/dist"))
	ln, err := net.Listen("tcp", "127.0.0.1:18391")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.App().Listener(ln) }()
	b, _ := json.Marshal(ids)
	_ = os.WriteFile("/tmp/shots-selection/ids.json", b, 0o644)
	for i := 0; i < 900; i++ {
		if _, err := os.Stat("/tmp/shots-selection/stop"); err == nil {
			break
		}
		time.Sleep(time.Second)
	}
	_ = srv.Shutdown(t.Context())
}
