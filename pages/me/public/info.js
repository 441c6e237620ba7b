// "我的信息": the `me` answer, one section per department, each fact a row (data-field names it for the page's test).
import { beijing, label } from './labels.js';

const yes = (value) => (value == null ? '' : value ? '有' : '无');
const yuan = (amount) => (amount == null ? '' : `${amount} 元/月`);
const lines = (items, line) => (items?.length ? items.map(line) : null);

/** Each department's rows: [field, label, value (text, or lines of a list; empty: 无)]. */
function sections(me) {
  const r = me.resident ?? {};
  const h = r.household;
  return [
    [
      'POPULATION',
      '人口',
      'Population',
      [
        ['name', '姓名', r.name],
        ['idNumber', '身份证号', r.idNumber],
        ['phone', '联系电话', r.phone],
        ['gender', '性别', label('Gender', r.gender)],
        ['birthDate', '出生日期', r.birthDate],
        ['ethnicity', '民族', r.ethnicity],
        ['residenceStatus', '人口类别', label('ResidenceStatus', r.residenceStatus)],
        ['employmentStatus', '就业状况', label('EmploymentStatus', r.employmentStatus)],
        ['healthInsurance', '医疗保险', yes(r.healthInsurance)],
        ['pensionInsurance', '养老保险', yes(r.pensionInsurance)],
        ['household', '住址', h && `${h.building?.address ?? ''} ${h.room}（${label('HouseholdType', h.type)}）`],
      ],
    ],
    [
      'CIVIL_AFFAIRS',
      '民政',
      'Civil affairs',
      [
        [
          'assistance',
          '社会救助',
          lines(r.assistance, (a) =>
            [label('AssistanceProgram', a.program), label('AssistanceStatus', a.status), yuan(a.monthlyAmount)]
              .filter(Boolean)
              .join(' · '),
          ),
        ],
        [
          'disability',
          '残疾情况',
          r.disability && `${label('DisabilityType', r.disability.type)} ${r.disability.grade} 级`,
        ],
        ['elderlyAllowance', '高龄津贴', r.elderlyCare?.allowance && yuan(r.elderlyCare.allowance.monthlyAmount)],
        [
          'serviceApplications',
          '服务申请',
          lines(r.serviceApplications, (s) =>
            [label('ServiceKind', s.kind), label('ServiceStatus', s.status), s.trackingCode]
              .filter(Boolean)
              .join(' · '),
          ),
        ],
      ],
    ],
    [
      'PUBLIC_SECURITY',
      '公安',
      'Public security',
      [
        [
          'registration',
          '户籍',
          r.registration &&
            [label('RegistrationType', r.registration.type), r.registration.hukouAddress].filter(Boolean).join(' · '),
        ],
        [
          'residencePermit',
          '居住证',
          r.residencePermit &&
            `${r.residencePermit.number} · 有效期至 ${r.residencePermit.expiresOn} · ${label('PermitStatus', r.residencePermit.status)}`,
        ],
        ['rentals', '出租房屋', lines(r.rentals, (x) => `${x.building?.address ?? ''} ${x.room}`)],
      ],
    ],
    [
      'GRID',
      '网格',
      'Grid',
      [
        ['visits', '入户走访', lines(h?.visits, (v) => `${beijing(v.visitedAt)} ${label('VisitKind', v.kind)}`)],
        ['events', '涉及的事件', lines(r.events, (e) => `${e.title} · ${label('EventStatus', e.status)}`)],
      ],
    ],
  ];
}

function row(field, name, value) {
  const dt = document.createElement('dt');
  dt.textContent = name;
  const dd = document.createElement('dd');
  dd.dataset.field = field;
  if (Array.isArray(value)) {
    const list = document.createElement('ul');
    list.className = 'lines';
    for (const line of value) list.append(Object.assign(document.createElement('li'), { textContent: line }));
    dd.append(list);
  } else if (value) dd.textContent = value;
  else dd.append(Object.assign(document.createElement('span'), { className: 'none', textContent: '无' }));
  return [dt, dd];
}

/** Draws the answer of `me` into `where`, and the one notice into `notice`. */
export function showMyData(me, where, notice) {
  notice.textContent = me.notice;
  where.replaceChildren(
    ...sections(me).map(([department, name, english, rows]) => {
      const card = document.createElement('article');
      card.className = 'department';
      card.dataset.dept = department;
      const title = document.createElement('h2');
      title.append(name, ' ', Object.assign(document.createElement('small'), { textContent: english }));
      const list = document.createElement('dl');
      list.append(...rows.flatMap(([field, label, value]) => row(field, label, value)));
      card.append(title, list);
      return card;
    }),
  );
}
