import { describe, expect, it } from 'vitest';
import { detectLabelColumn } from '../../../src/collect/discover/index.js';

const heart = {
  columns: ['age', 'sex', 'fbs', 'chol', 'target'],
  sample: { age: ['63', '37'], sex: ['1', '0'], fbs: ['1', '0'], chol: ['233', '250'], target: ['1', '0'] },
};

describe('detectLabelColumn', () => {
  it('classes first: the one column whose values are the classes', () => {
    const g = detectLabelColumn({
      columns: ['Gender', 'Income', 'Approved'],
      sample: { Gender: ['Male', 'Female'], Income: ['5849', '4583'], Approved: ['Y', 'N', 'Y'] },
      modelClasses: ['N', 'Y'],
    });
    expect(g?.column).toBe('Approved');
    expect(g?.reason).toEqual({ code: 'label_model_classes', values: { classes: ['N', 'Y'] } });
  });

  it('several 0/1 columns match classes [0, 1]: the name decides, then the position', () => {
    expect(detectLabelColumn({ ...heart, modelClasses: [0, 1] })?.column).toBe('target');
    const noName = detectLabelColumn({
      columns: ['a', 'flag', 'outcome_x'],
      sample: { a: ['1', '0'], flag: ['0', '1'], outcome_x: ['1.0', '0.0'] },
      modelClasses: [0, 1],
    });
    expect(noName?.column).toBe('outcome_x');
  });

  it("a helper's classes (a LabelEncoder's) find a string label the model only knows as 0/1", () => {
    const g = detectLabelColumn({
      columns: ['age', 'income', 'occupation'],
      sample: { age: ['39', '50'], income: ['<=50K', '>50K'], occupation: ['Office', 'Sales'] },
      modelClasses: [0, 1],
      classHints: [['<=50K', '>50K']],
    });
    expect(g?.column).toBe('income');
  });

  it("the metrics' class labels when the model's are unknown", () => {
    const g = detectLabelColumn({
      columns: ['text', 'species'],
      sample: { text: ['a', 'b'], species: ['cat', 'dog', 'fish'] },
      metricLabels: ['cat', 'dog', 'fish'],
    });
    expect(g?.column).toBe('species');
  });

  it("the model's feature columns and id columns are never the label", () => {
    const g = detectLabelColumn({
      columns: ['hours', 'attendance', 'final_score', 'passed'],
      featureNames: ['hours', 'attendance'],
      sample: { final_score: ['72.5', '40', '88'], passed: ['1', '0', '1'] },
      task: 'regression',
    });
    expect(g?.column).toBe('final_score');
    expect(detectLabelColumn({ columns: ['customerID', 'tenure', 'Unnamed: 0'] })?.column).toBe('tenure');
    const byFeatures = detectLabelColumn({
      columns: ['gender', 'math_score', 'reading_score'],
      featureNames: ['gender', 'reading_score'],
    });
    expect(byFeatures?.column).toBe('math_score');
  });

  it('usual names, then the last column', () => {
    expect(detectLabelColumn({ columns: ['Price', 'year', 'km'] })?.column).toBe('Price');
    expect(detectLabelColumn({ columns: ['TARGET', 'x'] })?.column).toBe('TARGET');
    const last = detectLabelColumn({ columns: ['a', 'b', 'c'] });
    expect(last).toMatchObject({ column: 'c', alternatives: ['a', 'b'] });
    expect(detectLabelColumn({ columns: [] })).toBeNull();
  });
});
