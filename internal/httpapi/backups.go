package httpapi

import (
	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/techmart-vn/techmart/internal/audit"
	"github.com/techmart-vn/techmart/internal/backup"
)

// backupsJSON is the admin's view: the schedule's state and the backups kept.
type backupsJSON struct {
	Status backup.Status  `json:"status"`
	Items  []backup.Entry `json:"items"`
}

func (s *Server) listBackups(c *fiber.Ctx) error {
	out := backupsJSON{Status: s.d.Backups.Status(), Items: []backup.Entry{}}
	items, err := s.d.Backups.List()
	if err != nil && err != backup.ErrOff {
		return err
	}
	if items != nil {
		out.Items = items
	}
	return c.JSON(out)
}

func (s *Server) createBackup(c *fiber.Ctx) error {
	e, err := s.d.Backups.Backup(c.UserContext(), "manual")
	if err != nil {
		return err
	}
	s.auditAdmin(c, "backup.create", e)
	return c.Status(fiber.StatusCreated).JSON(e)
}

func (s *Server) createExport(c *fiber.Ctx) error {
	e, err := s.d.Backups.Export(c.UserContext())
	if err != nil {
		return err
	}
	s.auditAdmin(c, "export.create", e)
	return c.Status(fiber.StatusCreated).JSON(e)
}

// auditAdmin records who made a copy of everything, and which.
func (s *Server) auditAdmin(c *fiber.Ctx, action string, e backup.Entry) {
	// The copy exists whether or not the entry is written; Record logs a
	// failure itself.
	_ = s.d.Audit.Record(c.UserContext(), audit.Entry{
		Action: action, Actor: principal(c).Actor(),
		Subject: audit.Subject{Type: "backup", ID: e.Name, Name: e.Name},
	})
}

// backupCollectors expose the schedule's health to Prometheus: a failed
// backup is counted, and the age of the last good one can be alerted on.
func backupCollectors(b *backup.Service) []prometheus.Collector {
	return []prometheus.Collector{
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "techmart_backup_failures_total", Help: "Backups that failed since the server started.",
		}, func() float64 { return float64(b.Status().Failures) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "techmart_backup_last_success_timestamp_seconds", Help: "When the last backup succeeded (0: none since start).",
		}, func() float64 {
			if t := b.Status().LastSuccess; t != nil {
				return float64(t.Unix())
			}
			return 0
		}),
	}
}
