package task

import (
	"context"
	"time"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/calendar"
	"github.com/techmart-vn/techmart/internal/errs"
	"github.com/techmart-vn/techmart/internal/store"
	"github.com/techmart-vn/techmart/internal/validate"
)

// Report is the performer's progress report on a milestone (báo cáo
// định kỳ); officers read it.
type Report struct {
	ID        string    `bson:"id" json:"id"`
	Milestone int       `bson:"milestone" json:"milestone"` // index in the contract's milestones
	Text      string    `bson:"text" json:"text"`
	By        string    `bson:"by" json:"-"`
	ByName    string    `bson:"byName" json:"byName"`
	At        time.Time `bson:"at" json:"at"`
	// Files are the documents attached to the report (PDF or images).
	Files []ReportFile `bson:"files" json:"files" rule:"max=10"`
}

// ReportFile is a document attached to a progress report.
type ReportFile struct {
	ID   string `bson:"id" json:"id"`
	Name string `bson:"name" json:"name"`
	Size int64  `bson:"size" json:"size"`
}

// ErrTooManyFiles refuses a file past a report's limit.
var ErrTooManyFiles = errs.New(errs.Conflict, "too_many_report_files")

var reportFileRules = validate.RulesOf[Report]()

// MayAttach checks, before an upload is stored, that p may add a file to
// report reportID of task id: the report step's right, the report there,
// room for one more file.
func (x *Execution) MayAttach(ctx context.Context, p *auth.Principal, id, reportID string) error {
	t, err := x.get(ctx, id)
	if err != nil {
		return err
	}
	if err := x.tasks.Check(p, &t, StepReport); err != nil {
		return err
	}
	k, err := store.Get[Contract](ctx, x.s, ContractCollection, t.ContractID)
	if err != nil {
		return ErrContractNotFound
	}
	i := indexReport(k.Reports, reportID)
	if i < 0 {
		return ErrReportNotFound
	}
	if len(k.Reports[i].Files) >= reportFileRules.Of("files").Max {
		return ErrTooManyFiles
	}
	return nil
}

// AttachReportFile records an uploaded file on a progress report (its
// writer's organisation, officers).
func (x *Execution) AttachReportFile(ctx context.Context, p *auth.Principal, id, reportID string, f ReportFile) (ContractView, error) {
	return x.onContract(ctx, p, id, StepReport, 0, nil, func(t *Task, k *Contract, now time.Time) (audited, error) {
		i := indexReport(k.Reports, reportID)
		if i < 0 {
			return audited{}, ErrReportNotFound
		}
		if len(k.Reports[i].Files) >= reportFileRules.Of("files").Max {
			return audited{}, ErrTooManyFiles
		}
		k.Reports[i].Files = append(k.Reports[i].Files, f)
		return audited{reason: f.Name}, nil
	})
}

// ErrReportNotFound: no such progress report on the task.
var ErrReportNotFound = errs.New(errs.NotFound, "progress_report_not_found")

func indexReport(rs []Report, id string) int {
	for i, r := range rs {
		if r.ID == id {
			return i
		}
	}
	return -1
}

// ReportInput is a progress report as the performer writes it.
type ReportInput struct {
	Milestone int    `json:"milestone" rule:"min=0"`
	Text      string `json:"text" rule:"required,min=20,max=8000"`
}

var reportRules = validate.RulesOf[ReportInput]()

// Inspection is an officers' visit to check the task's progress (kiểm
// tra): its day, findings and conclusion.
type Inspection struct {
	ID         string    `bson:"id" json:"id"`
	On         string    `bson:"on" json:"on"`
	Findings   string    `bson:"findings" json:"findings"`
	Conclusion string    `bson:"conclusion" json:"conclusion"`
	By         string    `bson:"by" json:"-"`
	At         time.Time `bson:"at" json:"at"`
}

// InspectionInput is an inspection as an officer records it.
type InspectionInput struct {
	On         string `json:"on" rule:"required,format=date"`
	Findings   string `json:"findings" rule:"required,min=10,max=8000"`
	Conclusion string `json:"conclusion" rule:"required,min=5,max=2000"`
}

var inspectionRules = validate.RulesOf[InspectionInput]()

// Extension moves the contract's end date, with the reason (gia hạn).
type Extension struct {
	From   string    `bson:"from" json:"from"`
	To     string    `bson:"to" json:"to"`
	Reason string    `bson:"reason" json:"reason"`
	By     string    `bson:"by" json:"-"`
	At     time.Time `bson:"at" json:"at"`
}

// ExtensionInput is a new end date with its reason.
type ExtensionInput struct {
	Ends   string `json:"ends" rule:"required,format=date"`
	Reason string `json:"reason" rule:"required,min=10,max=2000"`
}

var extensionRules = validate.RulesOf[ExtensionInput]()

// AddReport records a progress report on a milestone (the performer;
// officers may record one handed in on paper). Officers are told.
func (x *Execution) AddReport(ctx context.Context, p *auth.Principal, id string, in ReportInput, ifVersion int64) (ContractView, error) {
	var c validate.Checker
	in.Text = validate.Multiline(in.Text)
	r := reportRules.Of("text")
	c.Reason("text", in.Text, r.Min, r.Max)
	if err := c.Err(); err != nil {
		return ContractView{}, err
	}
	v, err := x.onContract(ctx, p, id, StepReport, ifVersion, nil, func(t *Task, k *Contract, now time.Time) (audited, error) {
		if in.Milestone < 0 || in.Milestone >= len(k.Milestones) {
			return audited{}, fieldErr("milestone", "out_of_range", "min", 0, "max", len(k.Milestones)-1)
		}
		k.Reports = append(k.Reports, Report{ID: newID(), Milestone: in.Milestone, Text: in.Text, By: p.User.ID, ByName: p.User.FullName, At: now, Files: []ReportFile{}})
		return audited{reason: k.Milestones[in.Milestone].Name}, nil
	})
	if err == nil {
		x.tellOfficers(ctx, v.Task, "reported", map[string]string{"milestone": v.Contract.Milestones[in.Milestone].Name})
	}
	return v, err
}

// Inspect records an inspection (officers); the performer is told.
func (x *Execution) Inspect(ctx context.Context, p *auth.Principal, id string, in InspectionInput, ifVersion int64) (ContractView, error) {
	var c validate.Checker
	on := x.day(&c, "on", in.On)
	if on != "" && on > calendar.Day(x.now()) {
		c.Add("on", "in_future")
	}
	in.Findings, in.Conclusion = validate.Multiline(in.Findings), validate.Multiline(in.Conclusion)
	f, k := inspectionRules.Of("findings"), inspectionRules.Of("conclusion")
	c.Reason("findings", in.Findings, f.Min, f.Max)
	c.Reason("conclusion", in.Conclusion, k.Min, k.Max)
	if err := c.Err(); err != nil {
		return ContractView{}, err
	}
	v, err := x.onContract(ctx, p, id, StepInspect, ifVersion, nil, func(t *Task, k *Contract, now time.Time) (audited, error) {
		if on < k.SignedOn {
			return audited{}, fieldErr("on", "before_contract")
		}
		k.Inspections = append(k.Inspections, Inspection{ID: newID(), On: on, Findings: in.Findings, Conclusion: in.Conclusion, By: p.User.ID, At: now})
		return audited{reason: on + ": " + in.Conclusion}, nil
	})
	if err == nil {
		x.tellPerformer(ctx, p, v.Task, "inspected", map[string]string{"on": on})
	}
	return v, err
}

// Extend moves the contract's end date later, with a reason (officers);
// the audit keeps the old and new dates, the performer is told.
func (x *Execution) Extend(ctx context.Context, p *auth.Principal, id string, in ExtensionInput, ifVersion int64) (ContractView, error) {
	var c validate.Checker
	ends := x.day(&c, "ends", in.Ends)
	in.Reason = validate.Multiline(in.Reason)
	r := extensionRules.Of("reason")
	c.Reason("reason", in.Reason, r.Min, r.Max)
	if err := c.Err(); err != nil {
		return ContractView{}, err
	}
	var from string
	v, err := x.onContract(ctx, p, id, StepExtend, ifVersion, nil, func(t *Task, k *Contract, now time.Time) (audited, error) {
		if ends <= k.Ends {
			return audited{}, fieldErr("ends", "not_later", "current", k.Ends)
		}
		from = k.Ends
		k.Extensions = append(k.Extensions, Extension{From: k.Ends, To: ends, Reason: in.Reason, By: p.User.ID, At: now})
		k.Ends = ends
		return audited{reason: in.Reason, changes: map[string]audit.Change{"ends": {From: from, To: ends}}}, nil
	})
	if err == nil {
		x.tellPerformer(ctx, p, v.Task, "extended", map[string]string{"ends": ends})
	}
	return v, err
}
