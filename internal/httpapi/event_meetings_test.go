package httpapi_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/techmart-vn/techmart/internal/app/apptest"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/event"
	"github.com/techmart-vn/techmart/internal/store"
)

// Demo listings the meetings tests pair: the enterprise's needs and the
// institute's offers (seeds/listings.json).
const (
	needGreening     = "6c6973740000000000000125" // early detection of citrus greening (enterprise)
	needWastewater   = "6c6973740000000000000116" // wastewater of a starch works (enterprise)
	offerGreeningKit = "6c697374000000000000002a" // rapid test kit for citrus greening (institute)
	offerBacillus    = "6c6973740000000000000062" // Bacillus strain for starch-rich wastewater (institute)
)

// seedReg is a registration the tests write straight into the store (the
// events slice's registration procedure is tested on its own).
type seedReg struct {
	org, name, role, state string
	listings, needs        []string
}

// seedEvent writes a published event on the days [start, end] (Vietnam)
// with its registrations and returns their ids in order.
func seedEvent(t testing.TB, h *apptest.Harness, start, end string, regs ...seedReg) (string, []string) {
	t.Helper()
	ctx := context.Background()
	now := time.Now().UTC()
	e := event.Event{ID: store.NewID(), Name: "Techmart Thái Nguyên " + start, Kind: event.KindHybrid, State: event.StatePublished,
		StartDate: start, EndDate: end, Organisers: []string{"Sở KH&CN"}, Sectors: []string{"hitech_agri"},
		RegistrationOpens: start, RegistrationCloses: start, Booths: []event.BoothType{}, History: []event.Step{},
		Meetings:  event.MeetingSettings{Days: []string{start}, Start: "08:30", Minutes: 30, SlotsPerDay: 8, Tables: 10, Breaks: []event.Break{}},
		CreatedAt: now, UpdatedAt: now}
	if err := store.Insert(ctx, h.App.Store, event.Collection, &e); err != nil {
		t.Fatal(err)
	}
	ids := make([]string, 0, len(regs))
	for i, r := range regs {
		g := event.Registration{ID: store.NewID(), EventID: e.ID, Role: r.role, Org: event.Ref{ID: r.org, Name: r.name}, OrgKind: "enterprise",
			Listings: r.listings, Needs: r.needs, Slots: []int{}, State: r.state, History: []event.Step{}, CreatedAt: now, UpdatedAt: now}
		if r.role != event.RoleParticipant && r.state == event.RegApproved {
			g.BoothType, g.Booth = "A", fmt.Sprintf("A-%d", i+1)
		}
		if g.Listings == nil {
			g.Listings = []string{}
		}
		if g.Needs == nil {
			g.Needs = []string{}
		}
		if err := store.Insert(ctx, h.App.Store, event.RegistrationCollection, &g); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, g.ID)
	}
	return e.ID, ids
}

func vnDay(offset int) string { return calendar.Day(time.Now().AddDate(0, 0, offset)) }

// twoParties: the enterprise brings its needs, the institute shows offers.
func twoParties() []seedReg {
	return []seedReg{
		{org: enterpriseOrg, name: "Công ty TNHH Nông sản sạch Ba Bể", role: event.RoleParticipant, state: event.RegApproved, needs: []string{needGreening, needWastewater}},
		{org: instituteOrg, name: "Viện Khoa học Sự sống – ĐH Thái Nguyên", role: event.RoleExhibitor, state: event.RegApproved, listings: []string{offerGreeningKit, offerBacillus}},
	}
}

// The meetings journey: suggestions from the matcher → a request → its
// refusals → the answer → outcomes → badge and check-in → deals → a
// transfer record from the contract → a cancellation frees the pair.
func TestEventMeetingsJourney(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ent, inst, off, rev := h.Demo("enterprise"), h.Demo("institute"), h.Demo("officer"), h.Demo("reviewer")
	eventID, regs := seedEvent(t, h, vnDay(0), vnDay(1), twoParties()...)
	entReg, instReg := regs[0], regs[1]
	base := "/api/v1/events/" + eventID

	// Suggestions: the institute's offers fit the enterprise's needs.
	r := h.Do(R{Method: "GET", Path: base + "/suggestions", Token: ent.Access})
	if r.Status != 200 {
		t.Fatalf("suggestions: %d %s", r.Status, r.Body)
	}
	items := r.JSON(t)["items"].([]any)
	if len(items) != 1 {
		t.Fatalf("want one suggested party, got %s", r.Body)
	}
	sg := items[0].(map[string]any)
	if sg["registration"].(map[string]any)["id"] != instReg || sg["score"].(float64) < 30 || !sg["can"].(map[string]any)["request"].(bool) {
		t.Fatalf("suggestion %v", sg)
	}
	// Only what the registrations bring is compared: the institute's other
	// wastewater offer, not shown at its booth, is never the pair.
	if l := sg["listing"].(map[string]any)["id"]; l != offerGreeningKit && l != offerBacillus {
		t.Fatalf("a listing not brought to the event was suggested: %v", sg)
	}
	if reasons := sg["reasons"].([]any); len(reasons) == 0 || reasons[0].(map[string]any)["text"] == "" {
		t.Fatalf("a suggestion without reasons to read: %v", sg)
	}
	// The institute sees the enterprise's needs for its offers.
	if r := h.Do(R{Method: "GET", Path: base + "/suggestions", Token: inst.Access}); r.Status != 200 || len(r.JSON(t)["items"].([]any)) != 1 {
		t.Fatalf("reverse suggestions: %d %s", r.Status, r.Body)
	}
	// A person without a registration in the event has none.
	if r := h.Do(R{Method: "GET", Path: base + "/suggestions", Token: rev.Access}); r.Status != 403 || problemCode(t, r) != "not_registered" {
		t.Fatalf("suggestions without a registration: %d %s", r.Status, r.Body)
	}

	// Bad input names its fields.
	r = h.Do(R{Method: "POST", Path: base + "/meetings", Token: ent.Access, Body: map[string]any{"message": "ngắn"}})
	if r.Status != 422 || fieldCodes(t, r)["message"] != "too_short" || fieldCodes(t, r)["toRegistrationId"] != "required" {
		t.Fatalf("bad request: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: base + "/meetings", Token: ent.Access, Body: map[string]any{"toRegistrationId": entReg, "message": "Xin gặp để trao đổi về bộ kit."}})
	if r.Status != 422 || fieldCodes(t, r)["toRegistrationId"] != "same_organization" {
		t.Fatalf("a meeting with oneself: %d %s", r.Status, r.Body)
	}

	ask := map[string]any{"toRegistrationId": instReg, "listingId": offerGreeningKit, "suggested": true,
		"message": "Chúng tôi muốn tìm hiểu bộ kit phát hiện nhanh bệnh vàng lá gân xanh cho vùng quýt."}
	r = h.Do(R{Method: "POST", Path: base + "/meetings", Token: ent.Access, Body: ask})
	if r.Status != 201 {
		t.Fatalf("request: %d %s", r.Status, r.Body)
	}
	m := r.JSON(t)
	mid := m["id"].(string)
	if m["state"] != "requested" || m["from"].(map[string]any)["id"] != entReg || !m["can"].(map[string]any)["cancel"].(bool) || m["can"].(map[string]any)["accept"].(bool) {
		t.Fatalf("requested meeting: %s", r.Body)
	}
	// One open meeting per pair, whichever side asks.
	if r := h.Do(R{Method: "POST", Path: base + "/meetings", Token: ent.Access, Body: ask}); r.Status != 409 || problemCode(t, r) != "meeting_exists" {
		t.Fatalf("second request: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/meetings", Token: inst.Access, Body: map[string]any{"toRegistrationId": entReg, "message": "Mời quý công ty gặp tại gian hàng A-2."}}); r.Status != 409 {
		t.Fatalf("reverse request: %d %s", r.Status, r.Body)
	}
	// The suggestion now points at the open meeting.
	sg = h.Do(R{Method: "GET", Path: base + "/suggestions", Token: ent.Access}).JSON(t)["items"].([]any)[0].(map[string]any)
	if sg["meetingId"] != mid || sg["can"].(map[string]any)["request"].(bool) {
		t.Fatalf("suggestion after the request: %v", sg)
	}

	// The institute's list: the request in, with accept; the parties.
	r = h.Do(R{Method: "GET", Path: base + "/meetings", Token: inst.Access})
	list := r.JSON(t)
	if r.Status != 200 || len(list["items"].([]any)) != 1 || len(list["mine"].([]any)) != 1 || len(list["parties"].([]any)) != 1 {
		t.Fatalf("institute's meetings: %d %s", r.Status, r.Body)
	}
	if !list["items"].([]any)[0].(map[string]any)["can"].(map[string]any)["accept"].(bool) {
		t.Fatalf("the side asked cannot accept: %s", r.Body)
	}
	// The asker cannot accept; a stale version is refused.
	if r := h.Do(R{Method: "POST", Path: base + "/meetings/" + mid + "/accept", Token: ent.Access}); r.Status != 403 {
		t.Fatalf("asker accepts: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/meetings/" + mid + "/accept", Token: inst.Access, Headers: map[string]string{"If-Match": `"7"`}}); r.Status != 412 {
		t.Fatalf("stale accept: %d %s", r.Status, r.Body)
	}
	// Someone else does not learn it exists.
	if r := h.Do(R{Method: "POST", Path: base + "/meetings/" + mid + "/accept", Token: rev.Access}); r.Status != 404 {
		t.Fatalf("stranger accepts: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: base + "/meetings/" + mid + "/accept", Token: inst.Access, Headers: map[string]string{"If-Match": `"1"`}})
	if r.Status != 200 || r.JSON(t)["state"] != "accepted" {
		t.Fatalf("accept: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/meetings/" + mid + "/accept", Token: inst.Access}); r.Status != 409 || problemCode(t, r) != "invalid_transition" {
		t.Fatalf("accept twice: %d %s", r.Status, r.Body)
	}
	// The asker heard of the request's answer.
	notes := h.Do(R{Method: "GET", Path: "/api/v1/notifications", Token: ent.Access, Headers: map[string]string{"Accept-Language": "en"}})
	if !strings.Contains(string(notes.Body), "accepted the meeting") {
		t.Fatalf("the asker was not told: %s", notes.Body)
	}

	// Outcomes, one per side; recording again replaces the side's.
	out := map[string]any{"result": "held", "interest": true, "nextStep": "Gửi mẫu lá để thử bộ kit trong tháng 12."}
	if r := h.Do(R{Method: "POST", Path: base + "/meetings/" + mid + "/outcome", Token: ent.Access, Body: map[string]any{"result": "maybe"}}); r.Status != 422 || fieldCodes(t, r)["result"] != "invalid_choice" {
		t.Fatalf("bad outcome: %d %s", r.Status, r.Body)
	}
	h.Do(R{Method: "POST", Path: base + "/meetings/" + mid + "/outcome", Token: ent.Access, Body: map[string]any{"result": "no_show"}})
	if r := h.Do(R{Method: "POST", Path: base + "/meetings/" + mid + "/outcome", Token: ent.Access, Body: out}); r.Status != 200 || len(r.JSON(t)["outcomes"].([]any)) != 1 {
		t.Fatalf("outcome: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: base + "/meetings/" + mid + "/outcome", Token: inst.Access, Body: out})
	if r.Status != 200 || len(r.JSON(t)["outcomes"].([]any)) != 2 || r.JSON(t)["outcomes"].([]any)[0].(map[string]any)["result"] != "held" {
		t.Fatalf("second side's outcome: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/meetings/" + mid + "/outcome", Token: off.Access, Body: out}); r.Status != 403 {
		t.Fatalf("an officer records an outcome: %d %s", r.Status, r.Body)
	}

	// The badge: its code as JSON, an SVG and a PNG; for its organisation.
	r = h.Do(R{Method: "GET", Path: base + "/registrations/" + entReg + "/badge?format=json", Token: ent.Access})
	if r.Status != 200 {
		t.Fatalf("badge: %d %s", r.Status, r.Body)
	}
	code := r.JSON(t)["code"].(string)
	if !strings.HasPrefix(code, entReg+".") {
		t.Fatalf("badge code %q", code)
	}
	if again := h.Do(R{Method: "GET", Path: base + "/registrations/" + entReg + "/badge?format=json", Token: off.Access}); again.JSON(t)["code"] != code {
		t.Fatalf("the badge's code changed: %s", again.Body)
	}
	if r := h.Do(R{Method: "GET", Path: base + "/registrations/" + entReg + "/badge", Token: ent.Access}); r.Status != 200 || r.Header.Get("Content-Type") != "image/svg+xml" || !strings.HasPrefix(string(r.Body), "<svg") {
		t.Fatalf("badge svg: %d %s", r.Status, r.Header.Get("Content-Type"))
	}
	if r := h.Do(R{Method: "GET", Path: base + "/registrations/" + entReg + "/badge?format=png", Token: ent.Access}); r.Status != 200 || !strings.HasPrefix(string(r.Body), "\x89PNG") {
		t.Fatalf("badge png: %d", r.Status)
	}
	if r := h.Do(R{Method: "GET", Path: base + "/registrations/" + entReg + "/badge", Token: inst.Access}); r.Status != 404 {
		t.Fatalf("another organisation's badge: %d", r.Status)
	}
	if r := h.Do(R{Method: "GET", Path: base + "/registrations/" + entReg + "/badge?format=gif", Token: ent.Access}); r.Status != 422 {
		t.Fatalf("badge in an unknown format: %d", r.Status)
	}

	// Check-in at the door: once.
	if r := h.Do(R{Method: "POST", Path: base + "/checkins", Token: off.Access, Body: map[string]any{"code": entReg + ".WRONGSECRET"}}); r.Status != 422 || fieldCodes(t, r)["code"] != "unknown_code" {
		t.Fatalf("wrong code: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/checkins", Token: off.Access, Body: map[string]any{}}); r.Status != 422 || fieldCodes(t, r)["code"] != "required" {
		t.Fatalf("no code: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: base + "/checkins", Token: off.Access, Body: map[string]any{"code": strings.ToLower(code)}})
	if r.Status != 201 || !r.JSON(t)["first"].(bool) {
		t.Fatalf("check-in: %d %s", r.Status, r.Body)
	}
	at := r.JSON(t)["checkedInAt"]
	r = h.Do(R{Method: "POST", Path: base + "/checkins", Token: off.Access, Body: map[string]any{"code": "https://techmart.example/checkin?code=" + code}})
	if r.Status != 200 || r.JSON(t)["first"].(bool) || r.JSON(t)["checkedInAt"] != at {
		t.Fatalf("second check-in: %d %s", r.Status, r.Body)
	}
	if sum := h.Do(R{Method: "GET", Path: base + "/checkins", Token: off.Access}).JSON(t); sum["checkedIn"].(float64) != 1 || sum["approved"].(float64) != 2 {
		t.Fatalf("check-in summary: %v", sum)
	}

	// Deals: an MoU from the meeting, then a contract.
	deal := map[string]any{"kind": "mou", "supplierOrgId": instituteOrg, "recipientOrgId": enterpriseOrg, "listingId": offerGreeningKit,
		"meetingId": mid, "valueVnd": 0, "signedOn": vnDay(0)}
	bad := map[string]any{"kind": "loan", "supplierOrgId": pendingOrg, "recipientOrgId": enterpriseOrg, "valueVnd": -1, "signedOn": vnDay(2), "form": "gift"}
	r = h.Do(R{Method: "POST", Path: base + "/deals", Token: ent.Access, Body: bad})
	if fc := fieldCodes(t, r); r.Status != 422 || fc["kind"] != "invalid_choice" || fc["supplierOrgId"] != "not_registered" || fc["valueVnd"] != "out_of_range" || fc["signedOn"] != "in_future" || fc["form"] != "invalid_choice" {
		t.Fatalf("bad deal: %d %s", r.Status, r.Body)
	}
	before := map[string]any{"kind": "mou", "supplierOrgId": instituteOrg, "recipientOrgId": enterpriseOrg, "signedOn": vnDay(-3)}
	if r := h.Do(R{Method: "POST", Path: base + "/deals", Token: ent.Access, Body: before}); r.Status != 422 || fieldCodes(t, r)["signedOn"] != "before_event" {
		t.Fatalf("deal before the event: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/deals", Token: rev.Access, Body: deal}); r.Status != 403 {
		t.Fatalf("a stranger records a deal: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: base + "/deals", Token: ent.Access, Body: deal})
	if r.Status != 201 || !r.JSON(t)["onSpot"].(bool) || len(r.JSON(t)["sectors"].([]any)) == 0 || r.JSON(t)["can"].(map[string]any)["transfer"].(bool) {
		t.Fatalf("MoU: %d %s", r.Status, r.Body)
	}
	mou := r.JSON(t)["id"].(string)
	contract := map[string]any{"kind": "contract", "supplierOrgId": instituteOrg, "recipientOrgId": enterpriseOrg, "listingId": offerGreeningKit,
		"form": "licence", "valueVnd": 450_000_000, "signedOn": vnDay(0)}
	r = h.Do(R{Method: "POST", Path: base + "/deals", Token: off.Access, Body: contract})
	if r.Status != 201 || !r.JSON(t)["can"].(map[string]any)["transfer"].(bool) {
		t.Fatalf("contract: %d %s", r.Status, r.Body)
	}
	con := r.JSON(t)["id"].(string)
	r = h.Do(R{Method: "GET", Path: base + "/deals", Token: off.Access})
	dl := r.JSON(t)
	if len(dl["items"].([]any)) != 2 || dl["value"].(map[string]any)["contract"].(float64) != 450_000_000 || dl["count"].(map[string]any)["mou"].(float64) != 1 {
		t.Fatalf("deal log: %s", r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: base + "/deals", Token: rev.Access}); r.Status != 200 || len(r.JSON(t)["items"].([]any)) != 0 {
		t.Fatalf("a stranger's deal log: %d %s", r.Status, r.Body)
	}

	// The contract becomes a transfer record, once; an MoU does not.
	tr := map[string]any{"title": "Chuyển giao bộ kit phát hiện nhanh bệnh vàng lá gân xanh", "methods": []string{"documents", "training"}}
	if r := h.Do(R{Method: "POST", Path: base + "/deals/" + mou + "/transfer", Token: ent.Access, Body: tr}); r.Status != 409 || problemCode(t, r) != "deal_not_contract" {
		t.Fatalf("transfer from an MoU: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/deals/" + con + "/transfer", Token: inst.Access, Body: map[string]any{"title": "Kit"}}); r.Status != 422 || fieldCodes(t, r)["methods"] != "required" || fieldCodes(t, r)["title"] != "too_short" {
		t.Fatalf("transfer without methods: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: base + "/deals/" + con + "/transfer", Token: inst.Access, Body: tr})
	if r.Status != 201 {
		t.Fatalf("transfer from the contract: %d %s", r.Status, r.Body)
	}
	tid := r.JSON(t)["transferId"].(string)
	if r.JSON(t)["deal"].(map[string]any)["transferId"] != tid {
		t.Fatalf("the deal does not link its transfer: %s", r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/deals/" + con + "/transfer", Token: ent.Access, Body: tr}); r.Status != 409 || problemCode(t, r) != "deal_transfer_exists" {
		t.Fatalf("second transfer: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "GET", Path: "/api/v1/transfers/" + tid, Token: ent.Access})
	if r.Status != 200 || r.JSON(t)["contractValue"].(float64) != 450_000_000 || r.JSON(t)["form"] != "licence" || len(r.JSON(t)["listings"].([]any)) != 1 {
		t.Fatalf("the transfer: %d %s", r.Status, r.Body)
	}

	// An officer calls the meeting off; the pair may meet again.
	if r := h.Do(R{Method: "POST", Path: base + "/meetings/" + mid + "/cancel", Token: off.Access, Body: map[string]any{"reason": "Viện rút khỏi phiên kết nối buổi chiều."}}); r.Status != 200 || r.JSON(t)["state"] != "cancelled" {
		t.Fatalf("cancel: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/meetings", Token: inst.Access, Body: map[string]any{"toRegistrationId": entReg, "message": "Mời quý công ty gặp lại tại gian hàng A-2."}}); r.Status != 201 {
		t.Fatalf("a new request after the cancellation: %d %s", r.Status, r.Body)
	}
	// The officers' view has both; a member's scope=all is refused.
	if r := h.Do(R{Method: "GET", Path: base + "/meetings?scope=all", Token: off.Access}); r.Status != 200 || len(r.JSON(t)["items"].([]any)) != 2 {
		t.Fatalf("all meetings: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: base + "/meetings?scope=all", Token: ent.Access}); r.Status != 403 {
		t.Fatalf("a member's scope=all: %d", r.Status)
	}
	if r := h.Do(R{Method: "GET", Path: base + "/meetings?state=lost", Token: ent.Access}); r.Status != 422 {
		t.Fatalf("unknown state: %d", r.Status)
	}
}

// Before the event's first day nobody checks in and no outcome is
// recorded; a request needs an approved registration on both sides.
func TestEventMeetingsBeforeTheDay(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ent, inst, off := h.Demo("enterprise"), h.Demo("institute"), h.Demo("officer")
	regs := append(twoParties(), seedReg{org: pendingOrg, name: "Doanh nghiệp chờ xác minh", role: event.RoleParticipant, state: event.RegPending})
	eventID, ids := seedEvent(t, h, vnDay(10), vnDay(11), regs...)
	base := "/api/v1/events/" + eventID
	r := h.Do(R{Method: "POST", Path: base + "/meetings", Token: ent.Access, Body: map[string]any{"toRegistrationId": ids[2], "message": "Xin gặp để trao đổi về nhu cầu."}})
	if r.Status != 422 || fieldCodes(t, r)["toRegistrationId"] != "not_found" {
		t.Fatalf("a meeting with a pending registration: %d %s", r.Status, r.Body)
	}
	r = h.Do(R{Method: "POST", Path: base + "/meetings", Token: ent.Access, Body: map[string]any{"toRegistrationId": ids[1], "message": "Xin gặp để trao đổi về bộ kit."}})
	if r.Status != 201 {
		t.Fatalf("request: %d %s", r.Status, r.Body)
	}
	mid := r.JSON(t)["id"].(string)
	if r := h.Do(R{Method: "POST", Path: base + "/meetings/" + mid + "/accept", Token: inst.Access}); r.Status != 200 || r.JSON(t)["can"].(map[string]any)["outcome"].(bool) {
		t.Fatalf("accept: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "POST", Path: base + "/meetings/" + mid + "/outcome", Token: inst.Access, Body: map[string]any{"result": "held"}}); r.Status != 409 || problemCode(t, r) != "event_not_started" {
		t.Fatalf("outcome before the day: %d %s", r.Status, r.Body)
	}
	code := h.Do(R{Method: "GET", Path: base + "/registrations/" + ids[0] + "/badge?format=json", Token: ent.Access}).JSON(t)["code"].(string)
	if r := h.Do(R{Method: "POST", Path: base + "/checkins", Token: off.Access, Body: map[string]any{"code": code}}); r.Status != 409 || problemCode(t, r) != "event_not_started" {
		t.Fatalf("check-in before the day: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: base + "/registrations/" + ids[2] + "/badge?format=json", Token: off.Access}); r.Status != 409 || problemCode(t, r) != "registration_not_approved" {
		t.Fatalf("a pending registration's badge: %d %s", r.Status, r.Body)
	}
	// A draft event's meetings and deals are the officers' only.
	if _, err := store.Modify(context.Background(), h.App.Store, event.Collection, eventID, 0, func(e *event.Event) error {
		e.State = event.StateDraft
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/meetings", "/deals", "/suggestions"} {
		if r := h.Do(R{Method: "GET", Path: base + path, Token: ent.Access}); r.Status != 404 || problemCode(t, r) != "event_not_found" {
			t.Fatalf("a draft's %s for a member: %d %s", path, r.Status, r.Body)
		}
	}
	if r := h.Do(R{Method: "GET", Path: base + "/meetings?scope=all", Token: off.Access}); r.Status != 200 {
		t.Fatalf("a draft's meetings for an officer: %d %s", r.Status, r.Body)
	}
	if r := h.Do(R{Method: "GET", Path: "/api/v1/events/" + store.NewID() + "/meetings", Token: ent.Access}); r.Status != 404 {
		t.Fatalf("no such event: %d %s", r.Status, r.Body)
	}
}

// Ten simultaneous requests between the same two registrations, five from
// each side: exactly one meeting is opened.
func TestEventMeetingRequestsRace(t *testing.T) {
	t.Parallel()
	h := apptest.New(t)
	ent, inst := h.Demo("enterprise"), h.Demo("institute")
	eventID, ids := seedEvent(t, h, vnDay(0), vnDay(0), twoParties()...)
	var wg sync.WaitGroup
	statuses := make(chan int, 10)
	for i := range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			tok, to := ent, ids[1]
			if i%2 == 1 {
				tok, to = inst, ids[0]
			}
			statuses <- h.Do(R{Method: "POST", Path: "/api/v1/events/" + eventID + "/meetings", Token: tok.Access,
				Body: map[string]any{"toRegistrationId": to, "message": "Xin gặp để trao đổi hợp tác."}}).Status
		}()
	}
	wg.Wait()
	close(statuses)
	got := map[int]int{}
	for s := range statuses {
		got[s]++
	}
	if got[201] != 1 || got[409] != 9 {
		t.Fatalf("statuses %v, want one 201 and nine 409", got)
	}
	r := h.Do(R{Method: "GET", Path: "/api/v1/events/" + eventID + "/meetings", Token: ent.Access})
	if n := len(r.JSON(t)["items"].([]any)); n != 1 {
		t.Fatalf("%d meetings stored, want 1", n)
	}
}
