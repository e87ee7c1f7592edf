// The dashboard page: the overdue count first, open requests by status and by days left, the last 12 weeks' activity.
import { say } from '../../layout.js';
import { BarChart, LineChart } from '../charts.js';
import type { DashboardData } from '../dashboard.js';
import { StaffLayout, type ConsoleContext } from '../layout.js';
import type { OversightWords } from '../words/index.js';

export function DashboardPage({ ctx, w, data }: { ctx: ConsoleContext; w: OversightWords; data: DashboardData }) {
  const d = w.dashboard;
  const statuses = ctx.t.status.statuses;
  const received = data.weeks.reduce((n, week) => n + week.received, 0);
  return (
    <StaffLayout ctx={ctx} title={d.title} current="dashboard">
      <p class={data.overdue > 0 ? 'overdue-count alarm' : 'overdue-count'}>
        <strong>{say(ctx, d.overdue(data.overdue))}</strong>
        {' · '}
        {say(ctx, d.open(data.open))}
      </p>
      <div class="charts">
        <BarChart
          id="by-status"
          title={say(ctx, d.byStatus)}
          description={say(ctx, d.byStatusText(data.open))}
          tableLabel={say(ctx, d.table)}
          headers={[d.status, d.count]}
          bars={data.byStatus.map((s) => ({ label: statuses[s.status], value: s.count }))}
        />
        <BarChart
          id="by-days-left"
          title={say(ctx, d.byDaysLeft)}
          description={say(ctx, d.byDaysLeftText(data.overdue))}
          tableLabel={say(ctx, d.table)}
          headers={[d.band, d.count]}
          bars={data.byDaysLeft.map((b) => ({ label: d.bands[b.band], value: b.count, alarm: b.band === 'overdue' }))}
        />
      </div>
      <LineChart
        id="weekly"
        title={say(ctx, d.weekly)}
        description={say(ctx, d.weeklyText(received, data.completedInWeeks))}
        tableLabel={say(ctx, d.table)}
        pointHeader={d.week}
        points={data.weeks.map((week) => week.start)}
        series={[
          { name: d.received, values: data.weeks.map((week) => week.received) },
          { name: d.completed, values: data.weeks.map((week) => week.completed) },
        ]}
      />
      <p class="median">
        {say(ctx, data.medianDaysToAnswer === undefined ? d.noMedian : d.median(data.medianDaysToAnswer, data.completedInWeeks))}
      </p>
    </StaffLayout>
  );
}
