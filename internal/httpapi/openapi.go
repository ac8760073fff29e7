package httpapi

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/techmart-vn/techmart/internal/support"
)

// The OpenAPI 3.1 document is generated from the route table, so a route
// cannot exist without being listed (a test also checks it against Fiber's
// own routes).

type obj = map[string]any

func str() obj                { return obj{"type": "string"} }
func strEnum(v ...string) obj { return obj{"type": "string", "enum": v} }
func ref(name string) obj     { return obj{"$ref": "#/components/schemas/" + name} }
func arr(items obj) obj       { return obj{"type": "array", "items": items} }
func dateTime() obj           { return obj{"type": "string", "format": "date-time"} }
func integer() obj            { return obj{"type": "integer"} }

func object(required []string, props obj) obj {
	o := obj{"type": "object", "properties": props, "additionalProperties": false}
	if len(required) > 0 {
		o["required"] = required
	}
	return o
}

var orgKinds = []string{"department", "institute", "university", "st_org", "enterprise", "individual"}

var schemas = obj{
	"Problem": obj{"type": "object", "required": []string{"type", "title", "status", "code"}, "properties": obj{
		"type": str(), "title": str(), "status": integer(), "detail": str(), "instance": str(), "code": str(), "requestId": str(),
		"errors": arr(object([]string{"field", "code", "message"}, obj{"field": str(), "code": str(), "message": str(), "params": obj{"type": "object"}})),
	}},
	"Config": obj{"type": "object", "properties": obj{
		"province": obj{"type": "object", "properties": obj{"vi": str(), "en": str()}}, "demo": obj{"type": "boolean"},
		"demoAccounts": arr(object(nil, obj{"email": str(), "role": str()})), "demoPassword": str(), "smtp": obj{"type": "boolean"}, "version": str(),
	}},
	"Registration": object([]string{"email", "password", "fullName"}, obj{
		"email": obj{"type": "string", "format": "email", "maxLength": 254}, "password": obj{"type": "string", "minLength": 10, "maxLength": 128},
		"fullName":        obj{"type": "string", "minLength": 2, "maxLength": 120},
		"organization":    object([]string{"name", "kind"}, obj{"name": obj{"type": "string", "minLength": 2, "maxLength": 200}, "kind": strEnum("institute", "university", "st_org", "enterprise", "individual")}),
		"invitationToken": str(),
	}),
	"Registered":         object([]string{"status"}, obj{"status": strEnum("accepted")}),
	"Login":              object([]string{"email", "password"}, obj{"email": str(), "password": str()}),
	"PasswordChange":     object([]string{"currentPassword", "newPassword"}, obj{"currentPassword": str(), "newPassword": obj{"type": "string", "minLength": 10, "maxLength": 128}}),
	"Refresh":            object([]string{"refreshToken"}, obj{"refreshToken": str()}),
	"Tokens":             obj{"type": "object", "properties": obj{"accessToken": str(), "refreshToken": str(), "expiresIn": integer(), "tokenType": strEnum("Bearer")}},
	"User":               obj{"type": "object", "properties": obj{"id": str(), "email": str(), "fullName": str(), "roles": arr(strEnum("admin", "officer", "reviewer")), "createdAt": dateTime(), "version": integer()}},
	"UserList":           listOf("User"),
	"Roles":              object([]string{"roles"}, obj{"roles": arr(strEnum("admin", "officer", "reviewer"))}),
	"Me":                 obj{"type": "object", "properties": obj{"user": ref("User"), "organizations": arr(obj{"type": "object", "properties": obj{"id": str(), "name": str(), "kind": strEnum(orgKinds...), "status": strEnum("pending", "verified", "rejected"), "role": strEnum("owner", "member"), "rejectReason": str()}})}},
	"Organization":       obj{"type": "object", "properties": obj{"id": str(), "name": str(), "kind": strEnum(orgKinds...), "status": strEnum("pending", "verified", "rejected"), "rejectReason": str(), "ownerEmail": str(), "createdAt": dateTime(), "decidedAt": dateTime(), "version": integer(), "members": arr(obj{"type": "object", "properties": obj{"userId": str(), "email": str(), "fullName": str(), "role": strEnum("owner", "member"), "joinedAt": dateTime()}}), "invitations": arr(ref("Invitation"))}},
	"OrganizationList":   listOf("Organization"),
	"OrganizationUpdate": object([]string{"name", "kind"}, obj{"name": str(), "kind": strEnum("institute", "university", "st_org", "enterprise", "individual")}),
	"Reject":             object([]string{"reason"}, obj{"reason": obj{"type": "string", "minLength": 5, "maxLength": 1000}}),
	"Invitation":         obj{"type": "object", "properties": obj{"id": str(), "email": str(), "role": strEnum("owner", "member"), "createdAt": dateTime(), "expiresAt": dateTime()}},
	"InvitationRequest":  object([]string{"email", "role"}, obj{"email": str(), "role": strEnum("owner", "member")}),
	"Invited":            obj{"type": "object", "properties": obj{"invitation": ref("Invitation"), "acceptUrl": str(), "emailSent": obj{"type": "boolean"}}},
	"InvitationInfo":     obj{"type": "object", "properties": obj{"organization": obj{"type": "object", "properties": obj{"id": str(), "name": str(), "kind": str()}}, "email": str(), "role": str(), "expiresAt": dateTime()}},
	"AcceptInvitation":   object([]string{"token"}, obj{"token": str()}),
	"Accepted":           obj{"type": "object", "properties": obj{"organization": ref("Organization")}},
	"AuditEntry": obj{"type": "object", "properties": obj{
		"id": str(), "at": dateTime(), "action": str(), "reason": str(),
		"actor":   obj{"type": "object", "properties": obj{"id": str(), "email": str()}},
		"subject": obj{"type": "object", "properties": obj{"type": str(), "id": str(), "name": str()}},
		"changes": obj{"type": "object", "additionalProperties": obj{"type": "object", "properties": obj{"from": obj{}, "to": obj{}}}},
	}},
	"AuditList": listOf("AuditEntry"),
	"BackupEntry": obj{"type": "object", "properties": obj{"name": str(), "manifest": obj{"type": "object", "properties": obj{
		"format": integer(), "app": str(), "schemaVersion": integer(), "createdAt": dateTime(), "kind": strEnum("scheduled", "manual", "cli", "export"),
		"collections": obj{"type": "object", "additionalProperties": integer()},
		"files":       arr(obj{"type": "object", "properties": obj{"path": str(), "size": integer(), "sha256": str()}}),
		"bytes":       integer(), "snapshotMillis": integer(), "totalMillis": integer(),
	}}}},
	"Backups": obj{"type": "object", "properties": obj{"items": arr(ref("BackupEntry")), "status": obj{"type": "object", "properties": obj{
		"enabled": obj{"type": "boolean"}, "dir": str(), "running": obj{"type": "boolean"}, "nextAt": dateTime(), "lastSuccess": dateTime(),
		"lastError": str(), "lastErrorAt": dateTime(), "failures": integer(), "keepDaily": integer(), "keepMonthly": integer(),
	}}}},

	"Term":          obj{"type": "object", "properties": obj{"code": str(), "vi": str(), "en": str()}},
	"Taxonomy":      obj{"type": "object", "properties": obj{"sectors": arr(ref("Term")), "transferForms": arr(ref("Term")), "ipTypes": arr(ref("Term")), "ipStatuses": arr(ref("Term")), "trl": arr(ref("Term")), "rejectReasons": arr(ref("Term")), "adminUnits": arr(obj{"type": "object", "properties": obj{"code": str(), "vi": str(), "en": str(), "level": strEnum("province", "district", "commune"), "parent": str(), "validFrom": str(), "validUntil": str(), "replacedBy": str()}})}},
	"ListingInput":  object(nil, listingProps(false)),
	"Listing":       obj{"type": "object", "properties": listingProps(true)},
	"ListingList":   listOf("Listing"),
	"ListingReject": object([]string{"reason", "comment"}, obj{"reason": str(), "comment": obj{"type": "string", "minLength": 5, "maxLength": 2000}}),
	"SearchHit": obj{"type": "object", "properties": obj{
		"id": str(), "kind": strEnum(listingKinds...), "title": str(), "summary": str(),
		"organization": obj{"type": "object", "properties": obj{"id": str(), "name": str(), "kind": str()}},
		"sectors":      arr(str()), "transferForms": arr(str()), "adminUnit": str(), "trl": integer(), "priceMin": integer(), "priceMax": integer(),
		"budgetMin": integer(), "budgetMax": integer(), "image": obj{"type": "string", "description": "first image id: /api/v1/files/{image}/thumbnail"},
		"publishedAt": dateTime(), "highlights": obj{"type": "object", "description": "title and summary with <mark> around matches; the rest is HTML-escaped", "additionalProperties": str()},
	}},
	"SearchResult": obj{"type": "object", "properties": obj{
		"hits":  arr(ref("SearchHit")),
		"total": integer(), "page": integer(), "pageSize": integer(),
		"facets": obj{"type": "object", "additionalProperties": arr(obj{"type": "object", "properties": obj{"value": str(), "count": integer()}})},
	}},
	"Upload":   obj{"type": "object", "description": "multipart/form-data", "properties": obj{"file": obj{"type": "string", "format": "binary"}}},
	"File":     obj{"type": "object", "properties": obj{"id": str(), "listingId": str(), "kind": strEnum("image", "document"), "name": str(), "contentType": str(), "size": integer(), "sha256": str(), "width": integer(), "height": integer(), "createdAt": dateTime()}},
	"FileList": obj{"type": "object", "properties": obj{"images": arr(ref("File")), "attachments": arr(ref("File"))}},
	"Matches": obj{"type": "object", "properties": obj{"matches": arr(obj{"type": "object", "properties": obj{
		"listing": ref("SearchHit"), "score": obj{"type": "integer", "minimum": 0, "maximum": 100},
		"reasons":  arr(obj{"type": "object", "properties": obj{"code": str(), "params": obj{"type": "object"}, "positive": obj{"type": "boolean"}, "text": str()}}),
		"proposed": obj{"type": "object", "properties": obj{"note": str(), "at": dateTime()}},
	}})}},
	"MatchProposal": object([]string{"needId", "offerId"}, obj{"needId": str(), "offerId": str(), "note": obj{"type": "string", "maxLength": 2000}}),
	"Interest":      object([]string{"seeks"}, obj{"orgId": str(), "seeks": obj{"type": "string", "minLength": 10, "maxLength": 2000}, "brings": obj{"type": "string", "maxLength": 2000}}),
	"Connection": obj{"type": "object", "properties": obj{
		"id": str(), "version": integer(), "listing": obj{"type": "object", "properties": obj{"id": str(), "kind": str(), "title": str()}},
		"owner": ref("Ref"), "party": ref("Ref"), "broker": ref("Ref"), "state": strEnum("requested", "accepted", "declined", "negotiating", "agreed", "closed_no_deal"),
		"seeks": str(), "brings": str(), "declineReason": str(), "declineComment": str(), "closeComment": str(), "sectors": arr(str()),
		"history":   arr(obj{"type": "object", "properties": obj{"state": str(), "at": dateTime()}}),
		"createdAt": dateTime(), "updatedAt": dateTime(), "stateChangedAt": dateTime(), "lastMessageAt": dateTime(), "stale": obj{"type": "boolean"},
		"transferId": str(), "can": obj{"type": "object", "additionalProperties": obj{"type": "boolean"}},
	}},
	"Ref":            obj{"type": "object", "properties": obj{"id": str(), "name": str()}},
	"ConnectionList": listOf("Connection"),
	"Decision":       object(nil, obj{"reason": strEnum("too_early", "unclear_benefit", "price", "not_our_field", "other"), "comment": obj{"type": "string", "maxLength": 1000}}),
	"Message":        obj{"type": "object", "properties": obj{"id": str(), "author": ref("Ref"), "org": ref("Ref"), "body": str(), "createdAt": dateTime()}},
	"Messages":       obj{"type": "object", "properties": obj{"items": arr(ref("Message"))}},
	"MessageInput":   object([]string{"body"}, obj{"body": obj{"type": "string", "minLength": 1, "maxLength": 4000}}),
	"Notifications": obj{"type": "object", "properties": obj{"items": arr(obj{"type": "object", "properties": obj{
		"id": str(), "kind": str(), "text": str(), "link": str(), "createdAt": dateTime(), "read": obj{"type": "boolean"},
	}}), "total": integer(), "unread": integer(), "page": integer(), "pageSize": integer()}},
	"Unread":                  obj{"type": "object", "properties": obj{"unread": integer()}},
	"MarkRead":                object(nil, obj{"ids": arr(str()), "all": obj{"type": "boolean"}}),
	"NotificationPreferences": object([]string{"email"}, obj{"email": obj{"type": "object", "additionalProperties": obj{"type": "boolean"}}}),
	"Pipeline": obj{"type": "object", "properties": obj{
		"stages": arr(obj{"type": "object", "properties": obj{"state": str(), "count": integer(), "medianDaysInStage": obj{"type": "number"}}}),
		"funnel": obj{"type": "object", "additionalProperties": integer()}, "stale": integer(),
		"transfers": obj{"type": "object", "properties": obj{"count": integer(), "contractValue": integer(),
			"registration": obj{"type": "object", "additionalProperties": integer()}, "implementation": obj{"type": "object", "additionalProperties": integer()}}},
	}},
	"TransferInput": object(nil, obj{"connectionId": str(), "supplierOrgId": str(), "recipientOrgId": str(), "listingIds": arr(str()),
		"title": str(), "form": str(), "methods": arr(strEnum("documents", "training", "experts", "equipment", "other")),
		"contractValue": obj{"type": "integer", "minimum": 0, "description": "VND"}, "signedOn": obj{"type": "string", "format": "date"}, "registrationRequired": obj{"type": "boolean"}}),
	"Transfer": obj{"type": "object", "properties": obj{"id": str(), "version": integer(), "connectionId": str(),
		"listings": arr(obj{"type": "object", "properties": obj{"id": str(), "kind": str(), "title": str()}}), "supplier": ref("Ref"), "recipient": ref("Ref"),
		"title": str(), "form": str(), "methods": arr(str()), "contractValue": integer(), "signedOn": obj{"type": "string", "format": "date"},
		"registration": obj{"type": "object", "properties": obj{"required": obj{"type": "boolean"}, "status": strEnum("not_required", "due", "submitted", "registered"),
			"dueOn": str(), "submittedOn": str(), "number": str(), "registeredOn": str()}},
		"implementation": obj{"type": "object", "properties": obj{"status": strEnum("not_started", "in_progress", "in_use", "stopped"), "outcome": str()}},
		"overdue":        obj{"type": "boolean"}, "documents": arr(ref("File")), "sectors": arr(str()), "createdAt": dateTime(), "updatedAt": dateTime(),
		"can": obj{"type": "object", "additionalProperties": obj{"type": "boolean"}}}},
	"ProgramInput": object(nil, obj{"name": str(), "summary": str(),
		"legalBasis": obj{"type": "object", "properties": obj{"number": str(), "date": obj{"type": "string", "format": "date"}, "title": str()}},
		"window":     obj{"type": "object", "properties": obj{"opensOn": obj{"type": "string", "format": "date"}, "closesOn": obj{"type": "string", "format": "date"}}},
		"budget":     obj{"type": "integer", "minimum": 1, "description": "VND"}, "capPerApplication": obj{"type": "integer", "minimum": 1, "description": "VND"},
		"maxSharePercent": obj{"type": "integer", "minimum": 1, "maximum": 100},
		"eligibility":     obj{"type": "object", "properties": obj{"orgKinds": arr(str()), "inProvince": obj{"type": "boolean"}, "stEnterprise": obj{"type": "boolean"}}},
		"documents":       arr(obj{"type": "object", "properties": obj{"code": str(), "name": str(), "required": obj{"type": "boolean"}}}),
		"criteria":        arr(obj{"type": "object", "properties": obj{"code": str(), "name": str(), "weight": integer()}}),
		"passMark":        integer(), "reviewersPerApplication": integer(),
		"openPerOrganization": obj{"type": "integer", "minimum": 1, "maximum": 100, "default": 1,
			"description": "applications one organisation may have under consideration at once (submitted, not yet decided or withdrawn)"},
		"approvedPerOrganization": obj{"type": "integer", "minimum": 1, "maximum": 100, "default": 1, "description": "approvals one organisation may get in the programme"}}),
	"Program":     obj{"type": "object", "description": "ProgramInput's fields plus id, version, state (draft, published), createdAt, updatedAt, publishedAt"},
	"ProgramList": listOf("Program"),
	"ApplicationInput": object(nil, obj{"programId": str(), "orgId": str(), "title": str(), "summary": str(),
		"technology": obj{"type": "object", "properties": obj{"transferId": str(), "listingId": str(), "description": str()}},
		"totalCost":  obj{"type": "integer", "minimum": 0, "description": "VND"}, "requested": obj{"type": "integer", "minimum": 0, "description": "VND"},
		"ownContribution": obj{"type": "integer", "minimum": 0, "description": "VND"},
		"startOn":         obj{"type": "string", "format": "date"}, "endOn": obj{"type": "string", "format": "date"}, "expectedResults": str()}),
	"Application": obj{"type": "object", "description": "ApplicationInput's fields plus id, version, programName, orgName, " +
		"state (draft, submitted, completeness_check, returned, appraisal, approved, rejected, agreement_signed, in_progress, acceptance_requested, accepted, not_accepted, closed, withdrawn), " +
		"documents [{code, fileId}], history [{state, at, note}], reviews [{reviewerId, reviewerName, declaration, scores [{code, score, comment}], total, comment, submittedAt}] " +
		"(officers: all; a reviewer: their own; the applicant: none), reviewPlan {criteria, passMark, required}, appraisal {complete, count, mean, min, max, spread, passMark, passed, criteria} (officers), " +
		"decision {outcome, amount, reason, number, at}, agreement {number, signedOn}, tranches [{amount, on, note, at}], paid, acceptance {report, requestedAt, outcome, on, note}, createdAt, updatedAt, submittedAt, closedAt, " +
		"and can: the steps the person asking may take now",
		"properties": obj{"can": ref("ApplicationCan")}, "required": []string{"can"}},
	"ApplicationCan":  applicationCan(),
	"ApplicationList": obj{"type": "object", "description": "items, total, page, pageSize, and counts {state: n}: how many of the listed applications are in each state, the state filter aside"},
	"DecideInput": object([]string{"outcome"}, obj{"outcome": strEnum("approved", "rejected"), "amount": obj{"type": "integer", "minimum": 1, "description": "VND, ≤ requested"},
		"reason": obj{"type": "string", "maxLength": 4000}, "number": obj{"type": "string", "maxLength": 60, "description": "register number; the next of the year when empty"}}),
	"SupportDashboard": obj{"type": "object", "description": "target {enterprises, basis, year}, supportedEnterprises, approvedApplications, totals {total, committed, disbursed, remaining}, " +
		"programs [{id, name, total, committed, disbursed, remaining, enterprises, applications {state: count}}], years [{year, committed, disbursed, enterprises}]"},
	"ReviewerList":         obj{"type": "object", "properties": obj{"items": arr(obj{"type": "object", "properties": obj{"id": str(), "fullName": str(), "email": str(), "orgNames": arr(str()), "conflict": obj{"type": "boolean"}}})}},
	"AssignReviewersInput": object([]string{"reviewerIds"}, obj{"reviewerIds": arr(str())}),
	"ScoreInput": object([]string{"declaration"}, obj{"declaration": strEnum("no_conflict", "conflict"), "comment": obj{"type": "string", "maxLength": 4000},
		"scores": arr(obj{"type": "object", "properties": obj{"code": str(), "score": obj{"type": "integer", "minimum": 0, "maximum": 10}, "comment": obj{"type": "string", "maxLength": 2000}}})}),
	"AgreementInput":    object([]string{"number", "signedOn"}, obj{"number": str(), "signedOn": obj{"type": "string", "format": "date"}}),
	"AcceptanceRequest": object([]string{"report"}, obj{"report": obj{"type": "string", "minLength": 20, "maxLength": 8000}}),
	"AcceptanceInput": object([]string{"outcome", "on"}, obj{"outcome": strEnum("accepted", "not_accepted"), "on": obj{"type": "string", "format": "date"},
		"note": obj{"type": "string", "maxLength": 4000, "description": "required when not accepted"}}),
	"CloseInput": object(nil, obj{"note": obj{"type": "string", "maxLength": 4000}}),
	"Reason":     object([]string{"reason"}, obj{"reason": obj{"type": "string", "minLength": 5, "maxLength": 2000}}),
	"DisburseInput": object([]string{"amount", "on"}, obj{"amount": obj{"type": "integer", "minimum": 1, "description": "VND"}, "on": obj{"type": "string", "format": "date"},
		"note": obj{"type": "string", "maxLength": 1000}}),
	"ProgramBudget":       obj{"type": "object", "properties": obj{"total": integer(), "committed": integer(), "disbursed": integer(), "remaining": integer()}},
	"TransferList":        listOf("Transfer"),
	"RegistrationInput":   object([]string{"status"}, obj{"status": strEnum("submitted", "registered"), "submittedOn": str(), "number": str(), "registeredOn": str()}),
	"ImplementationInput": object([]string{"status"}, obj{"status": strEnum("not_started", "in_progress", "in_use", "stopped"), "outcome": obj{"type": "string", "maxLength": 4000}}),
	"Suggestions":         obj{"type": "object", "properties": obj{"suggestions": arr(obj{"type": "object", "properties": obj{"id": str(), "kind": str(), "title": str()}})}},
}

var listingKinds = []string{"technology", "equipment", "ip", "demand"}

// listingProps describes a listing; the stored form adds what the server
// sets.
func listingProps(stored bool) obj {
	date := obj{"type": "string", "format": "date"}
	vnd := obj{"type": "integer", "minimum": 0, "description": "VND"}
	p := obj{
		"kind": strEnum(listingKinds...), "orgId": str(), "title": obj{"type": "string", "minLength": 10, "maxLength": 150},
		"summary": obj{"type": "string", "minLength": 40, "maxLength": 1000}, "description": str(), "advantages": str(), "applications": str(),
		"sectors": arr(str()), "keywords": arr(str()), "adminUnit": str(),
		"contact": obj{"type": "object", "properties": obj{"name": str(), "email": str(), "phone": str()}}, "validUntil": date,
		"trl": obj{"type": "integer", "minimum": 1, "maximum": 9}, "transferForms": arr(str()),
		"price":  obj{"type": "object", "properties": obj{"mode": strEnum("fixed", "range", "negotiable"), "min": vnd, "max": vnd}},
		"ipType": str(), "ipNumber": str(), "filingDate": date, "grantDate": date, "ipStatus": str(), "holder": str(),
		"problem": str(), "requirements": obj{"type": "object", "properties": obj{"must": arr(str()), "nice": arr(str())}},
		"trlMin": integer(), "budget": obj{"type": "object", "properties": obj{"min": vnd, "max": vnd}}, "deadline": date,
		"confidentialDetails": obj{"type": "string", "description": "only for the owner, officers and admitted parties"},
	}
	if stored {
		p["id"], p["state"], p["version"] = str(), strEnum("draft", "pending", "published", "rejected", "archived"), integer()
		p["validUntil"], p["createdAt"], p["updatedAt"], p["submittedAt"], p["publishedAt"] = dateTime(), dateTime(), dateTime(), dateTime(), dateTime()
		p["rejectReason"], p["rejectComment"], p["createdBy"], p["images"], p["attachments"] = str(), str(), str(), arr(str()), arr(str())
		p["organization"] = obj{"type": "object", "description": "public view only", "properties": obj{"id": str(), "name": str(), "kind": str()}}
	}
	return p
}

func listOf(item string) obj {
	return obj{"type": "object", "properties": obj{"items": arr(ref(item)), "total": integer(), "page": integer(), "pageSize": integer()}}
}

var fiberParam = regexp.MustCompile(`:([A-Za-z]+)`)

// openAPIPath turns /organizations/:id into /organizations/{id}.
func openAPIPath(p string) string { return fiberParam.ReplaceAllString(p, "{$1}") }

func (s *Server) openAPIDocument() obj {
	paths := obj{}
	for _, r := range s.routes {
		p := "/api/v1" + openAPIPath(r.path)
		item, _ := paths[p].(obj)
		if item == nil {
			item = obj{}
			paths[p] = item
		}
		op := obj{"summary": r.summary, "tags": []string{r.tag}, "operationId": strings.ToLower(r.method) + operationName(r.path)}
		params := []obj{}
		for _, m := range fiberParam.FindAllStringSubmatch(r.path, -1) {
			params = append(params, obj{"name": m[1], "in": "path", "required": true, "schema": str()})
		}
		for _, q := range r.query {
			schema := str()
			if q == "page" || q == "pageSize" {
				schema = obj{"type": "integer", "minimum": 1}
			}
			params = append(params, obj{"name": q, "in": "query", "schema": schema})
		}
		if strings.Contains(r.summary, "If-Match") || r.method == "PATCH" || r.method == "PUT" {
			params = append(params, obj{"name": "If-Match", "in": "header", "schema": str(), "description": "the version the client saw; 412 if it changed"})
		}
		if len(params) > 0 {
			op["parameters"] = params
		}
		if r.request != "" {
			op["requestBody"] = obj{"required": true, "content": obj{"application/json": obj{"schema": ref(r.request)}}}
		}
		responses := obj{}
		for status, schema := range r.responses {
			resp := obj{"description": statusText(status)}
			if schema == "Problem" {
				resp["content"] = obj{"application/problem+json": obj{"schema": ref("Problem")}}
			} else if schema != "" {
				resp["content"] = obj{"application/json": obj{"schema": ref(schema)}}
			}
			responses[strconv.Itoa(status)] = resp
		}
		responses["400"] = obj{"description": "Malformed JSON", "content": obj{"application/problem+json": obj{"schema": ref("Problem")}}}
		if r.access != public {
			op["security"] = []obj{{"bearer": []string{}}}
			responses["401"] = obj{"description": "Not logged in", "content": obj{"application/problem+json": obj{"schema": ref("Problem")}}}
		}
		op["responses"] = responses
		item[strings.ToLower(r.method)] = op
	}
	return obj{
		"openapi": "3.1.0",
		"info": obj{"title": "Techmart API", "version": s.d.Version,
			"description": "The API of Techmart, the provincial technology and equipment market. Errors are application/problem+json (RFC 9457) with a stable `code`."},
		"servers": []obj{{"url": "/"}},
		"paths":   paths,
		"components": obj{
			"schemas":         schemas,
			"securitySchemes": obj{"bearer": obj{"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}},
		},
	}
}

func operationName(p string) string {
	var b strings.Builder
	for _, part := range strings.Split(p, "/") {
		part = strings.TrimPrefix(part, ":")
		if part == "" {
			continue
		}
		for _, w := range strings.FieldsFunc(part, func(r rune) bool { return r == '-' || r == '_' }) {
			b.WriteString(strings.ToUpper(w[:1]) + w[1:])
		}
	}
	return b.String()
}

func statusText(code int) string {
	switch code {
	case 200:
		return "OK"
	case 201:
		return "Created"
	case 204:
		return "No content"
	case 401:
		return "Not logged in"
	case 404:
		return "Not found"
	case 403:
		return "Forbidden"
	case 409:
		return "Conflict"
	case 412:
		return "Version mismatch"
	case 422:
		return "Validation failed"
	case 429:
		return "Too many attempts"
	default:
		return "Response " + strconv.Itoa(code)
	}
}

func (s *Server) openAPI(c *fiber.Ctx) error {
	return c.JSON(s.openAPIDocument())
}

// applicationCan is the schema of support.Can: one boolean per step of the
// application's table.
func applicationCan() obj {
	props, names := obj{}, []string{}
	for _, f := range reflect.VisibleFields(reflect.TypeFor[support.Can]()) {
		name := strings.Split(f.Tag.Get("json"), ",")[0]
		props[name] = obj{"type": "boolean"}
		names = append(names, name)
	}
	return obj{"type": "object", "properties": props, "required": names, "additionalProperties": false}
}
