package httpapi

import (
	"time"

	"github.com/techmart-vn/techmart/internal/auth"
	"github.com/techmart-vn/techmart/internal/org"
	"github.com/techmart-vn/techmart/internal/task"
)

// Wire types: what the API shows, apart from what the store keeps (no
// password hashes, no token hashes).

type userJSON struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	FullName  string    `json:"fullName"`
	Roles     []string  `json:"roles" rule:"enum=PlatformRole"`
	CreatedAt time.Time `json:"createdAt"`
	Version   int64     `json:"version"`
}

func toUserJSON(u auth.User) userJSON {
	roles := u.Roles
	if roles == nil {
		roles = []string{}
	}
	return userJSON{ID: u.ID, Email: u.Email, FullName: u.FullName, Roles: roles, CreatedAt: u.CreatedAt, Version: u.Version}
}

type memberJSON struct {
	UserID   string    `json:"userId"`
	Email    string    `json:"email"`
	FullName string    `json:"fullName"`
	Role     string    `json:"role" rule:"enum=OrgRole"`
	JoinedAt time.Time `json:"joinedAt"`
}

type invitationJSON struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	Role      string    `json:"role" rule:"enum=OrgRole"`
	CreatedAt time.Time `json:"createdAt"`
	ExpiresAt time.Time `json:"expiresAt"`
}

type orgJSON struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Kind         string `json:"kind" rule:"enum=OrgKind"`
	Status       string `json:"status" rule:"enum=OrgStatus"`
	RejectReason string `json:"rejectReason,omitempty"`
	// Description is what its public page says of it (owners write it).
	Description string           `json:"description,omitempty"`
	OwnerEmail  string           `json:"ownerEmail,omitempty"`
	CreatedAt   time.Time        `json:"createdAt"`
	DecidedAt   *time.Time       `json:"decidedAt,omitempty"`
	Version     int64            `json:"version"`
	Members     []memberJSON     `json:"members,omitempty"`
	Invitations []invitationJSON `json:"invitations,omitempty"`
	orgEvidenceJSON
}

func toOrgJSON(o org.Organization) orgJSON {
	return orgJSON{
		ID: o.ID, Name: o.Name, Kind: o.Kind, Status: o.Status, RejectReason: o.RejectReason, Description: o.Description,
		OwnerEmail: o.OwnerEmail(), CreatedAt: o.CreatedAt, DecidedAt: o.DecidedAt, Version: o.Version,
	}
}

func toInvitationJSON(i org.Invitation) invitationJSON {
	return invitationJSON{ID: i.ID, Email: i.Email, Role: i.Role, CreatedAt: i.CreatedAt, ExpiresAt: i.ExpiresAt}
}

// toOrgDetailJSON adds the member list, and the open invitations for owners.
func toOrgDetailJSON(o org.Organization, viewerID string) orgJSON {
	out := toOrgJSON(o)
	out.Members = make([]memberJSON, 0, len(o.Members))
	for _, m := range o.Members {
		out.Members = append(out.Members, memberJSON(m))
	}
	if o.IsOwner(viewerID) {
		out.Invitations = make([]invitationJSON, 0, len(o.Invitations))
		for _, i := range o.Invitations {
			if time.Now().Before(i.ExpiresAt) {
				out.Invitations = append(out.Invitations, toInvitationJSON(i))
			}
		}
	}
	return out
}

type myOrgJSON struct {
	ID           string `json:"id"`
	Name         string `json:"name"`
	Kind         string `json:"kind" rule:"enum=OrgKind"`
	Status       string `json:"status" rule:"enum=OrgStatus"`
	Role         string `json:"role" rule:"enum=OrgRole"`
	RejectReason string `json:"rejectReason,omitempty"`
}

type meJSON struct {
	User          userJSON    `json:"user"`
	Organizations []myOrgJSON `json:"organizations"`
	Can           meCanJSON   `json:"can"`
}

// meCanJSON is what the person may start, whatever page they are on.
type meCanJSON struct {
	// ProposeTasks: a member of a verified organisation of a kind that
	// proposes S&T tasks (task.Proposes).
	ProposeTasks bool `json:"proposeTasks"`
}

func toMeJSON(u auth.User, orgs []org.Organization) meJSON {
	out := meJSON{User: toUserJSON(u), Organizations: make([]myOrgJSON, 0, len(orgs))}
	for _, o := range orgs {
		m, _ := o.Member(u.ID)
		out.Organizations = append(out.Organizations, myOrgJSON{
			ID: o.ID, Name: o.Name, Kind: o.Kind, Status: o.Status, Role: m.Role, RejectReason: o.RejectReason,
		})
		out.Can.ProposeTasks = out.Can.ProposeTasks || task.Proposes(o)
	}
	return out
}
