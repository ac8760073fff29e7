package httpapi

import (
	"time"

	"github.com/techmart-vn/techmart/internal/account"
	"github.com/techmart-vn/techmart/internal/apischema"
	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/backup"
	"github.com/techmart-vn/techmart/internal/catalog"
	"github.com/techmart-vn/techmart/internal/connection"
	"github.com/techmart-vn/techmart/internal/council"
	"github.com/techmart-vn/techmart/internal/event"
	"github.com/techmart-vn/techmart/internal/event/schedule"
	"github.com/techmart-vn/techmart/internal/files"
	"github.com/techmart-vn/techmart/internal/matching"
	"github.com/techmart-vn/techmart/internal/nextstep"
	"github.com/techmart-vn/techmart/internal/notify"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/pipeline"
	"github.com/techmart-vn/techmart/internal/plan"
	"github.com/techmart-vn/techmart/internal/report"
	"github.com/techmart-vn/techmart/internal/results"
	"github.com/techmart-vn/techmart/internal/search"
	"github.com/techmart-vn/techmart/internal/statistics"
	"github.com/techmart-vn/techmart/internal/support"
	"github.com/techmart-vn/techmart/internal/synonym"
	"github.com/techmart-vn/techmart/internal/taxonomy"
	"github.com/techmart-vn/techmart/internal/transfer"
)

// apiSchemas names the Go type behind every request and response schema the
// route table mentions; their shapes and limits come from the types' tags
// (see internal/apischema), so a new field needs only its Go declaration.
func apiSchemas() map[string]apischema.Schema {
	r := apischema.New()

	// Named choices, from the lists the services check against.
	r.Enum("OrgKind", append([]string{org.KindDepartment, org.KindAgency}, org.RegisterKinds...))
	r.Enum("ReportState", report.States)
	r.Enum("TargetStatus", report.Statuses)
	r.Enum("TargetSource", plan.Sources)
	r.Enum("RegisterKind", org.RegisterKinds)
	r.Enum("OrgStatus", org.Statuses)
	r.Enum("OrgRole", org.Roles)
	r.Enum("PlatformRole", auth.PlatformRoles)
	r.Enum("ListingKind", catalog.Kinds)
	r.Enum("ListingState", catalog.States)
	r.Enum("PriceMode", catalog.PriceModes)
	r.Enum("ConnectionState", connection.States)
	r.Enum("ProgramState", support.ProgramStates)
	r.Enum("ApplicationState", support.AppStates)
	r.Enum("EmailTopic", notify.EmailTopics)
	r.Enum("BackupKind", backup.Kinds)
	r.Enum("NextStepCode", nextstep.Codes)
	r.Enum("MatchAudience", []string{audienceOwner, audienceOfficer, audienceVisitor})
	r.Enum("UnplacedReason", schedule.Reasons)

	r.Raw("Upload", apischema.Schema{"type": "object", "description": "multipart/form-data",
		"properties": apischema.Schema{"file": apischema.Schema{"type": "string", "format": "binary"}}})

	apischema.Response[problem](r, "Problem")
	apischema.Response[configJSON](r, "Config")

	apischema.Request[account.Registration](r, "Registration")
	apischema.Response[registrationAcceptedJSON](r, "Registered")
	apischema.Request[loginJSON](r, "Login")
	apischema.Request[passwordJSON](r, "PasswordChange")
	resetSchemas(r)
	tasksSelectionSchemas(r)
	apischema.Request[refreshJSON](r, "Refresh")
	apischema.Response[auth.Tokens](r, "Tokens")
	apischema.Response[userJSON](r, "User")
	apischema.Response[list[userJSON]](r, "UserList")
	apischema.Request[rolesJSON](r, "Roles")
	apischema.Response[meJSON](r, "Me")
	apischema.Response[myOrgJSON](r, "MyOrganization")
	apischema.Response[orgJSON](r, "Organization")
	apischema.Response[memberJSON](r, "Member")
	apischema.Response[list[orgJSON]](r, "OrganizationList")
	apischema.Request[orgUpdateJSON](r, "OrganizationUpdate")
	apischema.Request[org.DescriptionInput](r, "OrganizationDescription")
	apischema.Request[org.RejectInput](r, "Reject")
	apischema.Response[invitationJSON](r, "Invitation")
	apischema.Request[inviteJSON](r, "InvitationRequest")
	apischema.Response[invitedJSON](r, "Invited")
	apischema.Response[invitationInfoJSON](r, "InvitationInfo")
	apischema.Request[acceptJSON](r, "AcceptInvitation")
	apischema.Response[acceptedJSON](r, "Accepted")
	apischema.Response[audit.Entry](r, "AuditEntry")
	apischema.Response[list[audit.Entry]](r, "AuditList")
	apischema.Response[backupsJSON](r, "Backups")
	apischema.Response[backup.Entry](r, "BackupEntry")

	apischema.Response[taxonomy.Term](r, "Term")
	apischema.Response[taxonomy.AdminUnit](r, "AdminUnit")
	apischema.Response[taxonomy.Taxonomy](r, "Taxonomy")
	apischema.Request[catalog.Input](r, "ListingInput")
	apischema.Response[catalog.FullView](r, "Listing")
	apischema.Response[catalog.OrgRef](r, "OrgRef")
	apischema.Response[list[catalog.FullView]](r, "ListingList")
	apischema.Request[catalog.RejectInput](r, "ListingReject")
	apischema.Response[hitJSON](r, "SearchHit")
	apischema.Response[searchJSON](r, "SearchResult")
	apischema.Response[search.FacetCount](r, "FacetCount")
	apischema.Response[suggestionsJSON](r, "Suggestions")
	apischema.Response[files.File](r, "File")
	apischema.Response[fileListJSON](r, "FileList")

	apischema.Response[matchesJSON](r, "Matches")
	apischema.Response[matchJSON](r, "Match")
	apischema.Request[matching.ProposalInput](r, "MatchProposal")
	apischema.Response[matching.Proposal](r, "Proposal")
	apischema.Request[connection.Interest](r, "Interest")
	apischema.Response[connectionJSON](r, "Connection")
	apischema.Response[connection.Ref](r, "Ref")
	apischema.Response[list[connectionJSON]](r, "ConnectionList")
	apischema.Request[connection.Decision](r, "Decision")
	apischema.Response[connection.Message](r, "Message")
	apischema.Response[messagesJSON](r, "Messages")
	apischema.Request[connection.MessageInput](r, "MessageInput")
	apischema.Response[notificationsJSON](r, "Notifications")
	apischema.Response[notify.View](r, "Notification")
	apischema.Response[unreadJSON](r, "Unread")
	apischema.Request[markReadJSON](r, "MarkRead")
	apischema.Request[prefsJSON](r, "NotificationPreferences")
	apischema.Response[pipeline.Report](r, "Pipeline")

	apischema.Request[transfer.Input](r, "TransferInput")
	apischema.Response[transferJSON](r, "Transfer")
	apischema.Response[list[transferJSON]](r, "TransferList")
	apischema.Request[transfer.RegistrationInput](r, "RegistrationInput")
	apischema.Request[transfer.ImplementationInput](r, "ImplementationInput")

	apischema.Request[plan.Input](r, "PlanInput")
	apischema.Response[plan.Plan](r, "Plan")
	apischema.Response[planListJSON](r, "PlanList")
	apischema.Request[plan.OpenInput](r, "OpenPeriod")
	apischema.Response[report.Progress](r, "PlanProgress")
	apischema.Response[event.ScheduleView](r, "EventSchedule")
	apischema.Response[event.Agenda](r, "EventAgenda")
	apischema.Request[report.StartInput](r, "StartReport")
	apischema.Request[report.Input](r, "ReportInput")
	apischema.Response[report.Report](r, "Report")
	apischema.Response[reportListJSON](r, "ReportList")
	apischema.Request[synonym.Input](r, "SynonymInput")
	apischema.Response[synonym.Rule](r, "Synonym")
	apischema.Response[synonym.List](r, "SynonymList")

	eventSchemas(r)
	executionSchemas(r)
	apischema.Request[support.ProgramInput](r, "ProgramInput")
	apischema.Response[support.Program](r, "Program")
	apischema.Response[list[support.Program]](r, "ProgramList")
	apischema.Response[support.Budget](r, "ProgramBudget")
	apischema.Request[support.ApplicationInput](r, "ApplicationInput")
	apischema.Response[support.Application](r, "Application")
	apischema.Response[applicationListJSON](r, "ApplicationList")
	apischema.Request[support.DecideInput](r, "DecideInput")
	apischema.Response[support.Dashboard](r, "SupportDashboard")
	apischema.Response[statistics.Report](r, "StatisticsReport")
	apischema.Response[results.Results](r, "PublicResults")
	apischema.Response[marketJSON](r, "Market")
	apischema.Response[publicOrgJSON](r, "PublicOrganization")
	apischema.Response[nextstep.Steps](r, "NextSteps")
	apischema.Response[reviewersJSON](r, "ReviewerList")
	apischema.Response[council.Reviewer](r, "Reviewer")
	apischema.Request[support.AssignReviewersInput](r, "AssignReviewersInput")
	apischema.Request[council.ScoreInput](r, "ScoreInput")
	apischema.Request[support.AgreementInput](r, "AgreementInput")
	apischema.Request[support.AcceptanceRequest](r, "AcceptanceRequest")
	apischema.Request[support.AcceptanceInput](r, "AcceptanceInput")
	apischema.Request[support.CloseInput](r, "CloseInput")
	apischema.Request[support.ReturnInput](r, "Reason")
	apischema.Request[support.DisburseInput](r, "DisburseInput")
	meetingSchemas(r)
	tasksProposalsSchemas(r)
	showcaseSchemas(r)
	return r.Schemas()
}

// Response bodies that have no type of their own elsewhere.

type invitedJSON struct {
	Invitation invitationJSON `json:"invitation"`
	AcceptURL  string         `json:"acceptUrl"`
	EmailSent  bool           `json:"emailSent"`
}

type invitationInfoJSON struct {
	Organization catalog.OrgRef `json:"organization"`
	Email        string         `json:"email"`
	Role         string         `json:"role" rule:"enum=OrgRole"`
	ExpiresAt    time.Time      `json:"expiresAt"`
}

type acceptedJSON struct {
	Organization orgJSON `json:"organization"`
}

type suggestionsJSON struct {
	Suggestions []search.Suggestion `json:"suggestions"`
}

type fileListJSON struct {
	Images      []files.File `json:"images"`
	Attachments []files.File `json:"attachments"`
}

type matchesJSON struct {
	// Audience is who the list is for: "owner" and "officer" get matches,
	// "visitor" similar listings.
	Audience string      `json:"audience" rule:"enum=MatchAudience"`
	Matches  []matchJSON `json:"matches"`
}

type messagesJSON struct {
	Items []connection.Message `json:"items"`
}

type notificationsJSON struct {
	Items    []notify.View `json:"items"`
	Total    int           `json:"total"`
	Unread   int           `json:"unread"`
	Page     int           `json:"page"`
	PageSize int           `json:"pageSize"`
}

type unreadJSON struct {
	Unread int `json:"unread"`
}

type markReadJSON struct {
	IDs []string `json:"ids"`
	All bool     `json:"all"`
}

type prefsJSON struct {
	Email map[string]bool `json:"email" rule:"required"`
}

type reviewersJSON struct {
	Items []council.Reviewer `json:"items"`
}

type applicationListJSON struct {
	list[support.Application]
	// Counts is how many of the listed applications are in each state,
	// the state filter aside.
	Counts map[string]int `json:"counts"`
}
